"""Throughput of `uss_repro.metrics` against mir_eval on the same separation pairs.

Pairs are real: 2 s clips at 32 kHz cut from the ten vendored CC0 animal recordings, mixed two by two
(energy matched), with the oracle-IRM estimate of the first clip as the "separated" output. Every metric
is timed three ways where it applies: torch batched over all pairs (CPU, and CUDA when available), torch
one pair at a time (CPU), and a reference implementation one pair at a time: mir_eval's
`bss_eval_sources` for BSS-eval SDR (mir_eval has no other separation metric), plain numpy for the
energy ratios (the way uss's `calculate_sdr` evaluates). The ratio column is our batched throughput over
mir_eval's BSS-eval throughput on the same pairs. Timings are the best of `--reps` runs after a warm-up.

    python benchmarks/bench_metrics.py                      # defaults: 32 pairs of 2 s, 2 threads
    python benchmarks/bench_metrics.py --seconds 10 --pairs 8
"""
import argparse, json, os, platform, sys, time, warnings
from itertools import permutations
from pathlib import Path
import numpy as np
import torch
from uss_repro.audio import CC0_CLIPS, cc0_path, load_audio, oracle_separate
from uss_repro import metrics as M

def make_pairs(n_pairs, seconds, sr=32000):
    "(estimates, references, mixtures), each (n_pairs, N) float32, from CC0 clip pairs."
    n = int(seconds * sr)
    clips = {}
    for name in CC0_CLIPS:
        x = load_audio(cc0_path(name), sr=sr)[0]
        clips[name] = x.repeat(n // x.shape[-1] + 1)[:n]  # tile short clips (uss does the same for 2 s segments)
    est, ref, mix = [], [], []
    for a, b in list(permutations(sorted(clips), 2))[:n_pairs]:
        s, o = clips[a], clips[b]
        o = o * (s.pow(2).sum() / o.pow(2).sum()).sqrt()
        est.append(oracle_separate(s, s + o, 'irm')); ref.append(s); mix.append(s + o)
    return torch.stack(est), torch.stack(ref), torch.stack(mix)

# numpy one-pair references for the energy ratios
def np_sdr_uss(e, r, m=None): return 10 * np.log10(max(np.mean(r ** 2), 1e-10) / max(np.mean((e - r) ** 2), 1e-10))
def np_snr(e, r, m=None): return 10 * np.log10(np.sum(r ** 2) / np.sum((e - r) ** 2))
def np_si_sdr(e, r, m=None):
    a = np.dot(e, r) / np.dot(r, r); t = a * r
    return 10 * np.log10(np.sum(t ** 2) / np.sum((e - t) ** 2))
def mir_bss(e, r, m=None):
    import mir_eval
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', FutureWarning)
        return mir_eval.separation.bss_eval_sources(r[None], e[None])[0][0]

METRICS = {  # name -> (torch fn taking (est, ref, mix), numpy/mir_eval one-pair reference or None, its label)
    'sdr_uss': (lambda e, r, m: M.sdr_uss(e, r), np_sdr_uss, 'numpy'),
    'sdri': (lambda e, r, m: M.sdri(e, r, m), lambda e, r, m: np_sdr_uss(e, r) - np_sdr_uss(m, r), 'numpy'),
    'snr': (lambda e, r, m: M.snr(e, r), np_snr, 'numpy'),
    'si_sdr': (lambda e, r, m: M.si_sdr(e, r), np_si_sdr, 'numpy'),
    'si_snr': (lambda e, r, m: M.si_snr(e, r), None, None),
    'delta_snr': (lambda e, r, m: M.delta_snr(e, r, m), None, None),
    'delta_si_snr': (lambda e, r, m: M.delta_si_snr(e, r, m), None, None),
    'museval_sdr': (lambda e, r, m: M.museval_sdr(e, r), None, None),
    'silence_sdr': (lambda e, r, m: M.silence_sdr(e, m), None, None),
    'bss_sdr': (lambda e, r, m: M.bss_sdr(e, r), mir_bss, 'mir_eval'),
}

def best_time(fn, reps, sync=None, min_time=0.05):
    "Best time per call over `reps` timings, each of enough calls to last `min_time` s (after a warm-up)."
    def timed(k):
        t = time.perf_counter()
        for _ in range(k): fn()
        if sync: sync()
        return time.perf_counter() - t
    k = 1
    while (t := timed(k)) < min_time and k < 1_000_000: k *= 4 if t < min_time / 8 else 2
    return min(timed(k) / k for _ in range(reps))

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--pairs', type=int, default=32, help='number of (estimate, reference) pairs')
    p.add_argument('--seconds', type=float, default=2.0, help='clip length in seconds at 32 kHz')
    p.add_argument('--threads', default='1,2', help='comma-separated torch CPU thread counts to time')
    p.add_argument('--reps', type=int, default=5, help='timed repetitions (best is kept)')
    p.add_argument('--loop-pairs', type=int, default=8, help='pairs timed one at a time (torch loop and references)')
    p.add_argument('--out', default='results/metrics_bench.json')
    a = p.parse_args(argv)
    threads = [int(t) for t in str(a.threads).split(',')]
    load_before = os.getloadavg()
    est, ref, mix = make_pairs(a.pairs, a.seconds)
    P, nl = est.shape[0], min(a.loop_pairs, est.shape[0])
    en, rn, mn = (x.double().numpy() for x in (est, ref, mix))
    cuda = torch.cuda.is_available()
    if cuda: est_c, ref_c, mix_c = est.cuda(), ref.cuda(), mix.cuda()
    # reference implementations, one pair at a time, timed once (numpy/mir_eval use their own BLAS threads)
    refs = {}
    for name, (fn, ref_fn, ref_label) in METRICS.items():
        if ref_fn is None: continue
        reps = 1 if ref_label == 'mir_eval' else a.reps
        rate = nl / best_time(lambda: [ref_fn(en[i], rn[i], mn[i]) for i in range(nl)], reps, min_time=0 if ref_label == 'mir_eval' else 0.05)
        ours = fn(est[:nl], ref[:nl], mix[:nl]).numpy()
        theirs = np.array([ref_fn(en[i], rn[i], mn[i]) for i in range(nl)])
        refs[name] = {f'{ref_label}_loop': rate, 'max_abs_diff_db': float(np.abs(ours - theirs).max())}
    mir_rate = refs['bss_sdr']['mir_eval_loop']
    rows = {}
    for th in threads:
        torch.set_num_threads(th)
        for name, (fn, ref_fn, ref_label) in METRICS.items():
            row = rows.setdefault(name, {})
            row[f'torch_cpu_batched_{th}t'] = P / best_time(lambda: fn(est, ref, mix), a.reps)
            row[f'torch_cpu_loop_{th}t'] = nl / best_time(lambda: [fn(est[i], ref[i], mix[i]) for i in range(nl)], a.reps)
            row[f'ratio_vs_mir_eval_bss_{th}t'] = row[f'torch_cpu_batched_{th}t'] / mir_rate
    for name, row in rows.items():
        if cuda: row['torch_cuda_batched'] = P / best_time(lambda: METRICS[name][0](est_c, ref_c, mix_c), a.reps, torch.cuda.synchronize)
        row.update(refs.get(name, {}))
    cols = [c for th in threads for c in (f'torch_cpu_batched_{th}t', f'torch_cpu_loop_{th}t')] + (['torch_cuda_batched'] if cuda else []) + \
           ['numpy_loop', 'mir_eval_loop'] + [f'ratio_vs_mir_eval_bss_{th}t' for th in threads] + ['max_abs_diff_db']
    print(f"{P} pairs of {a.seconds:g} s at 32 kHz; loops over {nl} pairs; torch threads {threads}; pairs/s (best of {a.reps}); "
          f"ratio = torch batched / mir_eval BSS-eval; load average {load_before[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'metric':13}" + ''.join(f'{c.replace("torch_", "").replace("ratio_vs_mir_eval_bss", "ratio"):>18}' for c in cols))
    for name, row in rows.items():
        print(f'{name:13}' + ''.join(f"{row[c]:18.4g}" if c in row else f"{'-':>18}" for c in cols))
    info = dict(command=' '.join(['python', *sys.argv]), run_from='repository root',
                machine=dict(platform=platform.platform(), processor=platform.processor() or platform.machine(), cpu_count=os.cpu_count(),
                             torch_threads=threads, loadavg_1_5_15min_before=load_before, loadavg_1_5_15min_after=os.getloadavg(),
                             note='shared 2-core machine with other jobs running (see load averages); figures are best-of-reps to reduce their effect; '
                                  'with 2 torch threads on an oversubscribed CPU large batched ops slow down, so both 1 and 2 threads are reported',
                             torch=torch.__version__, numpy=np.__version__, mir_eval=__import__('mir_eval').__version__, cuda=cuda,
                             device_name=torch.cuda.get_device_name(0) if cuda else 'cpu only (no CUDA device)'),
                setup=dict(pairs=P, seconds=a.seconds, sample_rate=32000, loop_pairs=nl, reps=a.reps, pairs_source='CC0 animal clips, oracle-IRM estimates'),
                units='pairs per second (higher is better); ratio_vs_mir_eval_bss_Nt = torch CPU batched (N threads) / mir_eval bss_eval_sources; '
                      'max_abs_diff_db = our value vs the reference column on the looped pairs',
                results=rows)
    out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(info, indent=1) + '\n')
    print(f'wrote {out}')

if __name__ == '__main__': main()
