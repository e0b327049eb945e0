"""Execute chapters in place so that their saved outputs (what GitHub and the site show) are real.

    python scripts/execute_chapter.py nbs/17_demo.ipynb [...] [--timeout 1800]

Each notebook runs with nbclient in its own folder. Widget state and widget views are then
removed (papermill and nbclient store every player's audio in the notebook's metadata, and a
widget view shows nothing without a live kernel); plain outputs, figures and `<audio>` tables
stay. Run `nbdev_clean` afterwards.
"""
import argparse
from pathlib import Path
import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'

def strip_widgets(nb):
    "Drop the notebook's widget state and every output's widget view (keeping the text form)."
    nb.metadata.pop('widgets', None)
    for c in nb.cells:
        for o in c.get('outputs', []):
            if 'data' in o: o['data'].pop(WIDGET_VIEW, None)
    return nb

def execute(path:Path, timeout:int):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}}).execute()
    nbformat.write(strip_widgets(nb), path)
    print(f'{path}: executed')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='+', type=Path)
    ap.add_argument('--timeout', type=int, default=1800, help='seconds per cell')
    a = ap.parse_args()
    for p in a.notebooks: execute(p, a.timeout)
