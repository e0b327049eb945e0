"""Put the outputs of a main-job run into the experiment chapters, so that readers (and the site) see real results.

    python scripts/embed_report.py REPORT [--label "..."]

For each experiment chapter in `CHAPTERS`, the executed copy that the run wrote into
`REPORT/stages/<stage>/` lends its outputs to the chapter's cells. The chapter's sources must equal
the executed copy's (else the chapter changed after the run and the script stops, naming the
first differing cell). Papermill's injected parameters are shown in a Markdown cell after the
parameters cell (Markdown, so that neither papermill nor the tests execute them), so the page
shows the exact parameters of the run while the tests still run the chapter's own small defaults. A note under the title says which run produced the outputs. The run folder's absolute
path is written as `report/` in the outputs. Run `nbdev_clean` afterwards.
"""
import argparse, hashlib, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {  # chapter -> stage folder of the default run
    '12_exp.sed': 'sed', '13_exp.eval_set': 'eval_set', '14_exp.mae_pretrain': 'mae', '15_exp.train_sep': 'train_resunet',
    '16_exp.eval_sep': 'evaluate', '20_exp.caresep': 'caresep', '21_exp.acntcn': 'acntcn'}
NOTE = '**Saved outputs.**'
RUN_PARAMS = "The run whose outputs this page shows set these parameters (the tests and a plain run use the defaults above):"

def _src(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def _lines(s:str)->list:
    ls = [l + '\n' for l in s.split('\n')]; ls[-1] = ls[-1][:-1]; return ls

def _rewrite(o, old:str):
    "Replace the run folder's absolute path by `report` in every string of an output."
    if isinstance(o, str): return o.replace(old, 'report')
    if isinstance(o, list): return [_rewrite(x, old) for x in o]
    if isinstance(o, dict): return {k: _rewrite(v, old) for k, v in o.items()}
    return o

def embed(chapter:str, stage_dir:Path, label:str):
    p = ROOT/'nbs'/f'{chapter}.ipynb'
    nb, ex = json.loads(p.read_text()), json.loads((stage_dir/f'{chapter}.ipynb').read_text())
    ours = [c for c in nb['cells'] if not _src(c).startswith((NOTE, RUN_PARAMS, '#| eval: false\n# Parameters of the run'))]
    run = [c for c in ex['cells'] if 'injected-parameters' not in c.get('metadata', {}).get('tags', []) and not _src(c).startswith((NOTE, RUN_PARAMS))]
    inj = [c for c in ex['cells'] if 'injected-parameters' in c.get('metadata', {}).get('tags', [])]
    if len(ours) != len(run): sys.exit(f"{chapter}: {len(ours)} cells here, {len(run)} in the run's copy: re-run the main job")
    for i, (a, b) in enumerate(zip(ours, run)):
        if _src(a) != _src(b): sys.exit(f"{chapter}: cell {i} differs from the run's copy ({_src(a)[:60]!r}): re-run the main job")
    old = str(stage_dir.resolve().parents[1])
    cells = []
    for a, b in zip(ours, run):
        if a['cell_type'] == 'code': a['outputs'] = _rewrite(b.get('outputs', []), old)
        cells.append(a)
        if 'parameters' in a.get('metadata', {}).get('tags', []) and inj:
            s = re.sub(r'^# Parameters\n', '', _rewrite(_src(inj[0]), old))
            cells.append(dict(cell_type='markdown', id=hashlib.md5(('run' + chapter).encode()).hexdigest()[:8], metadata={},
                              source=_lines(f"{RUN_PARAMS}\n\n```python\n{s.strip()}\n```")))
    title = next(i for i, c in enumerate(cells) if c['cell_type'] == 'markdown' and _src(c).startswith('# '))
    cells.insert(title + 1, dict(cell_type='markdown', id=hashlib.md5(('out' + chapter).encode()).hexdigest()[:8], metadata={}, source=_lines(f"{NOTE} {label}")))
    nb['cells'] = cells
    p.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    print(f"{chapter}: outputs of {stage_dir}")

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('report', type=Path)
    ap.add_argument('--label', default="The outputs on this page come from the default main job "
                    "(`uss_repro --preset default --out report`, seed 0) run in a fresh clone on the project's 2-core CPU machine; "
                    "its numbers are also in `results/main_default.json`. Under test, the notebook runs its own small defaults instead.")
    ap.add_argument('--only', nargs='*', default=None, help='chapters to update (default: all)')
    a = ap.parse_args()
    for ch, st in CHAPTERS.items():
        if a.only and ch not in a.only: continue
        d = a.report/'stages'/st
        if not (d/f'{ch}.ipynb').exists(): print(f"{ch}: no {d/f'{ch}.ipynb'}, skipped"); continue
        embed(ch, d, a.label)
