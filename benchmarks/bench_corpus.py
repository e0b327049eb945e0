"""Generation speed of the embedded corpus (clips/s), its size on disk, and how fast `ClipDataset` reads it.

Usage: OMP_NUM_THREADS=1 python benchmarks/bench_corpus.py [--presets small default] [--workers 1 2] [--repeats 1]
Writes results/corpus_bench.json and prints a table. Each run generates into a fresh temporary folder.
"""
import argparse, json, os, platform, sys, tempfile, time
from pathlib import Path
import numpy as np

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--presets', nargs='+', default=['small', 'default'])
    ap.add_argument('--workers', nargs='+', type=int, default=[1, 2])
    ap.add_argument('--repeats', type=int, default=1)
    ap.add_argument('--formats', nargs='+', default=['wav'])
    ap.add_argument('--out', default=str(Path(__file__).resolve().parents[1]/'results'/'corpus_bench.json'))
    a = ap.parse_args()
    import torch
    from dataclasses import replace
    from uss_repro import corpus as C
    from uss_repro.audioset import ClipDataset
    t0 = time.perf_counter()   # one-off costs: MP3 decoding + resampling of the ten recordings, background bank
    for c in C.CORPUS_CLASSES:
        if c.kind == 'cc0': C.cc0_waveform(c.key)
    C._background_bank(C.SR)
    warm = time.perf_counter() - t0
    rows = []
    for preset in a.presets:
        for fmt in a.formats:
            cfg = replace(C.PRESETS[preset], audio_format=fmt)
            for w in a.workers:
                times = []
                for r in range(a.repeats):
                    with tempfile.TemporaryDirectory() as d:
                        t = time.perf_counter(); root = C.make_corpus(Path(d)/'c', cfg, seed=r, workers=w); dt = time.perf_counter() - t
                        info = json.loads((root/'corpus.json').read_text())
                        n = sum(v['clips'] for v in info['counts'].values())
                        size = sum(p.stat().st_size for p in root.rglob('*') if p.is_file())
                        ds = ClipDataset(root, 'balanced_train')
                        k = min(100, len(ds)); t = time.perf_counter()
                        for i in range(k): ds[i]
                        rd = (time.perf_counter() - t)/k
                    times.append(dt)
                row = dict(preset=preset, audio_format=fmt, workers=w, clips=n, seconds_median=float(np.median(times)),
                           seconds_all=times, clips_per_s=n/float(np.median(times)), size_mib=size/2**20,
                           read_ms_per_clip=rd*1e3, counts={s: v['clips'] for s, v in info['counts'].items()})
                rows.append(row)
                print(f"{preset:8s} {fmt:4s} workers={w}  {n:5d} clips  {row['seconds_median']:7.2f} s  {row['clips_per_s']:6.1f} clips/s  "
                      f"{row['size_mib']:7.1f} MiB  read {row['read_ms_per_clip']:.1f} ms/clip", flush=True)
    res = dict(command=' '.join([sys.executable.split('/')[-1]] + sys.argv), machine=dict(
                   cpu_count=os.cpu_count(), platform=platform.platform(), processor=platform.processor() or platform.machine(),
                   torch=torch.__version__, numpy=np.__version__, device='cpu',
                   omp_num_threads=os.environ.get('OMP_NUM_THREADS'),
                   note='2-core machine shared with other jobs while measuring; timings are indicative'),
               warmup_seconds=warm, results=rows, date=time.strftime('%Y-%m-%d %H:%M:%S %Z'))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=1))
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
