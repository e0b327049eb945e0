"""Run every notebook under `nbs/` as a test, each in a fresh process with a time limit.

The notebooks are the tests (nbdev style); this thin layer adds what `nbdev_test` lacks:
process isolation (its worker processes are reused, so state leaks between notebooks),
a per-notebook timeout, and pytest's closing `N passed` line.
Set `NBDEV_FLAGS="slow"` (or `"slow gpu"` on a CUDA machine) to run flagged cells too.
"""
import os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/'nbs'

def _collect():
    "Notebooks found by the same rules as `nbdev_test`: recursive, no `_`/`.` names, no `.notest` folders."
    out = []
    for nb in sorted(NBS.rglob('*.ipynb')):
        rel = nb.relative_to(NBS)
        if any(p.startswith(('_', '.')) for p in rel.parts): continue
        if any((NBS/Path(*rel.parts[:i])/'.notest').exists() for i in range(len(rel.parts))): continue
        out.append(nb)
    return out

NOTEBOOKS = _collect()

def test_found_notebooks():
    assert NOTEBOOKS, f'no notebooks found under {NBS}'

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[str(p.relative_to(NBS)) for p in NOTEBOOKS])
def test_notebook(nb):
    flags = os.environ.get('NBDEV_FLAGS', '')
    cmd = [sys.executable, '-m', 'nbdev.test', '--path', str(nb), '--n_workers', '0', '--do_print']
    if flags: cmd += ['--flags', flags]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, f'{nb.name} failed:\n{r.stderr[-6000:]}\n{r.stdout[-2000:]}'
