"""Choose the `default` preset's training settings on the held-out `validation` split of the default corpus.

Never looks at `eval`. Two parts, each writing JSON under results/:
  python scripts/select_settings.py sed        -> results/select_sed.json (and runs/select/sed_<name>/sed.pt)
  python scripts/select_settings.py separator  -> results/select_separator.json (needs the chosen SED from the first part)
The detector part trains Cnn14_DecisionLevelMax (width 1/8) with the old and the new recipe and records the held-out
clip mAP against steps and wall time. The separator part trains ResUNet30 (width 1/8) for a fixed number of steps under
several recipes and scores held-out validation mixtures with the true query, another example's query and a zero query.
"""
import json, os, platform, sys, time
from pathlib import Path
import numpy as np, torch

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT/'runs'/'select'

def machine():
    return dict(platform=platform.platform(), cpu_count=os.cpu_count(), torch=torch.__version__, threads=torch.get_num_threads(),
                loadavg=os.getloadavg())

def select_sed(steps=300, configs=None):
    from uss_repro.corpus import default_corpus
    from uss_repro.audioset import ClipDataset
    from uss_repro.panns import Cnn14_DecisionLevelMax, train_sed
    root = default_corpus('default'); tr, va = ClipDataset(root, 'balanced_train'), ClipDataset(root, 'validation')
    configs = configs or {'old: lr 3e-3, dropout 0.1/0.2': dict(lr=3e-3, block_dropout=0.1, head_dropout=0.2),
                          'new: lr 1e-3, no dropout': dict(lr=1e-3, block_dropout=0.0, head_dropout=0.0)}
    res = {}
    for n, (name, c) in enumerate(configs.items()):
        with torch.random.fork_rng():
            torch.manual_seed(0); m = Cnn14_DecisionLevelMax(width=0.125, depth=6, block_dropout=c['block_dropout'], head_dropout=c['head_dropout'])
        h = train_sed(m, tr, steps=steps, batch_size=16, lr=c['lr'], eval_ds=va, eval_every=50, out_dir=OUT/f'sed_{n}', seed=0, verbose=False)
        res[name] = dict(config=c, step=h['step'], loss=h['loss'], time=h['time'], val_step=h['eval_step'], val_map=h['eval_map'],
                         val_time=h['eval_time'], checkpoint=str(OUT/f'sed_{n}'/'sed.pt'))
        print(f"{name}: validation mAP {[round(x, 3) for x in h['eval_map']]} at steps {h['eval_step']}, {h['seconds']:.0f} s", flush=True)
    return dict(what='detector settings on the validation split (eval never used)', steps=steps, batch_size=16, width=0.125,
                corpus=str(root), results=res, machine=machine())

def select_separator(sed_ckpt, steps=200, configs=None):
    from uss_repro.corpus import default_corpus
    from uss_repro.runs import prepare_separator_run, config_for
    from uss_repro.train import train_separator, get_batch
    from uss_repro.metrics import sdr_uss
    root = default_corpus('default')
    base = dict(width=0.125, n_fft=1024, loss='l1_wav', peak_norm='separate', query_norm=False, lr=1e-3)
    configs = configs or {
        'old recipe (L1, Eq. 2 separate, n_fft 1024, raw query)': {},
        '+ standardised query': dict(query_norm=True),
        '+ n_fft 512, no Eq. 2': dict(query_norm=True, n_fft=512, peak_norm='none'),
        '+ negative SDR loss, lr 3e-3': dict(query_norm=True, n_fft=512, peak_norm='none', loss='neg_sdr', lr=3e-3),
        '+ width 1/4': dict(query_norm=True, n_fft=512, peak_norm='none', loss='neg_sdr', lr=3e-3, width=0.25)}
    res = {}
    for n, (name, delta) in enumerate(configs.items()):
        c = {**base, **delta}; out = OUT/f'sep_{n}'
        cache = OUT/'sep_0'/'anchors'/'balanced_train.pt'
        run = prepare_separator_run('resunet', root, sed_ckpt, out, anchor_cache=cache if n else None, batch_size=8, val_batch_size=16,
                                    config=config_for('resunet', width=c['width'], n_fft=c['n_fft'], query_norm=c['query_norm']),
                                    peak_norm=None if c['peak_norm'] == 'none' else c['peak_norm'], val_split='validation',
                                    device='cpu')
        t0 = time.time()
        h = train_separator(run['model'], run['source'], steps=steps, out_dir=out, lr=c['lr'], warmup='none', warmup_steps=0,
                            loss=c['loss'], device='cpu', progress=False, resume=False, bn_recalibrate=20, tensorboard=False)
        secs = time.time() - t0; model = run['model'].eval(); vb = [get_batch(run['val_source'], i) for i in range(6)]
        sc = {}
        for q in ('true', 'swap', 'zero'):
            v = []
            for b in vb:
                cond = b['query'] if q == 'true' else torch.roll(b['query'], 1, 0) if q == 'swap' else torch.zeros_like(b['query'])
                with torch.no_grad(): est = model(dict(mixture=b['mixture'], query=cond))['waveform']
                v.append((sdr_uss(est, b['target']) - sdr_uss(b['mixture'], b['target'])).flatten())
            sc[q] = float(torch.cat(v).mean())
        res[name] = dict(config=c, sdri_true=sc['true'], sdri_swap=sc['swap'], sdri_zero=sc['zero'], swap_gap=sc['true'] - sc['swap'],
                         seconds=secs, loss=h['loss'], grad_norm=h['grad_norm'])
        print(f"{name}: SDRi true {sc['true']:.2f}, swap {sc['swap']:.2f}, zero {sc['zero']:.2f} dB ({secs:.0f} s)", flush=True)
    return dict(what='separator recipe on validation mixtures (96 pairs, oracle query of the clean target; eval never used)',
                steps=steps, batch_size=8, sed=str(sed_ckpt), results=res, machine=machine())

if __name__ == '__main__':
    torch.set_num_threads(min(2, os.cpu_count()))
    part = sys.argv[1] if len(sys.argv) > 1 else 'sed'
    t0 = time.time()
    if part == 'sed': r = select_sed(int(sys.argv[2]) if len(sys.argv) > 2 else 300)
    else: r = select_separator(sys.argv[2] if len(sys.argv) > 2 else str(OUT/'sed_1'/'sed.pt'), int(sys.argv[3]) if len(sys.argv) > 3 else 200)
    r.update(command='python ' + ' '.join(sys.argv), seconds=time.time() - t0, date=time.strftime('%Y-%m-%dT%H:%M:%S'))
    (ROOT/'results').mkdir(exist_ok=True)
    (ROOT/'results'/f'select_{part}.json').write_text(json.dumps(r, indent=1, default=float))
