#!/usr/bin/env python
"""Separation throughput of `uss_repro separate`: seconds of audio separated per second of wall time.

The separator is ResUNet30 at width 0.25 with n_fft 512 and a 256-d query, the size the `default`
preset trains, with random weights (throughput does not depend on them), saved as a separator file
and run through `separate_file` exactly as the command runs it: streaming read, resampling to 32 kHz
and back, 10-s segments overlapping by 25 % (default batch: 1 row on CPU, 8 on GPU), target and residual written as float WAV. Inputs are
synthetic recordings written to a temporary folder. Each case reports the whole-file rate
(audio s / wall s, I/O and resampling included) and the model's share of the time.

    python benchmarks/bench_separate.py                  # CPU, 60-s inputs
    python benchmarks/bench_separate.py --device cuda --seconds 600
Writes results/bench_separate.json (or --out) and prints a table.
"""
import argparse, json, os, platform, sys, tempfile, time
from pathlib import Path
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from uss_repro.audio import save_audio
from uss_repro.core import count_params
from uss_repro.separators import build_separator, save_separator, query_side
from uss_repro.separate import open_separator, separate_file, default_batch_size
from _common import cpu_model

CASES = [  # name, input rate, channels, separate_file options
    ('mono 32 kHz', 32000, 1, dict()),
    ('stereo 44.1 kHz', 44100, 2, dict()),
    ('mono 32 kHz, batch 4', 32000, 1, dict(batch_size=4)),
    ('mono 32 kHz, overlap 0.5', 32000, 1, dict(overlap=0.5)),
    ('mono 32 kHz, 2 shifts', 32000, 1, dict(shifts=2)),
]

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seconds', type=float, default=60.0, help='length of each input')
    p.add_argument('--device', default='cpu')
    p.add_argument('--threads', type=int, default=None, help='torch threads (default: as set by OMP_NUM_THREADS / torch)')
    p.add_argument('--out', default=str(ROOT/'results'/'bench_separate.json'))
    a = p.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    load0 = os.getloadavg()
    torch.manual_seed(0)
    cfg = dict(condition_size=256, width=0.25, n_fft=512, hop=320, sample_rate=32000)
    model = build_separator('resunet', **cfg)
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        save_separator(d/'sep.pt', model, query_side(averages=dict(class_ids=torch.tensor([74]), embeddings=torch.randn(1, 256), counts=torch.tensor([1]))))
        sep = open_separator(d/'sep.pt', a.device)
        g = torch.Generator().manual_seed(0)
        save_audio(d/'warm.wav', 0.1 * torch.randn(1, 32000 * 12, generator=g), 32000)
        separate_file(d/'warm.wav', sep, ['Dog'], d/'out')  # warm-up: allocator, kernels
        rows = []
        for name, sr, ch, kw in CASES:
            f = d/f'in_{sr}_{ch}.wav'
            if not f.exists(): save_audio(f, 0.1 * torch.randn(ch, int(sr * a.seconds), generator=g), sr, subtype='PCM_16')
            c0 = time.process_time()
            r = separate_file(f, sep, ['Dog'], d/'out', overwrite=True, **kw)
            t, cpu = r['timings'], time.process_time() - c0
            rows.append(dict(case=name, input_rate=sr, channels=ch, options=kw, audio_s=t['audio_s'], wall_s=t['total_s'], model_s=t['model_s'],
                             cpu_s=round(cpu, 3),
                             audio_s_per_s=round(t['audio_s'] / t['total_s'], 3), audio_s_per_cpu_s=round(t['audio_s'] / cpu, 3), model_share=round(t['model_s'] / t['total_s'], 3)))
            print(f"{name:28s} {rows[-1]['audio_s_per_s']:8.2f} audio s/s {rows[-1]['audio_s_per_cpu_s']:8.2f} audio s/CPU s   model {100 * rows[-1]['model_share']:5.1f} % of {t['total_s']:.1f} s", flush=True)
    res = dict(machine=dict(command=' '.join(['python'] + sys.argv), python=platform.python_version(), torch=torch.__version__,
                            cpu=cpu_model(), cpu_count=os.cpu_count(), torch_threads=torch.get_num_threads(), device=a.device,
                            device_name=torch.cuda.get_device_name() if a.device.startswith('cuda') else cpu_model(),
                            platform=platform.platform(), loadavg_1_5_15_start=[round(x, 2) for x in load0],
                            loadavg_1_5_15_end=[round(x, 2) for x in os.getloadavg()]),
               separator=dict(kind='resunet', **cfg, params=count_params(model), weights='random (seed 0)'),
               settings=dict(seconds=a.seconds, segment_s=10.0, overlap=0.25, window='hann', batch_size=default_batch_size(sep), output='float WAV, target + residual'),
               notes="audio_s_per_s = seconds of input separated per wall-clock second for the whole file (read, resample, model, resample back, "
                     "write target and residual); audio_s_per_cpu_s = the same per second of this process's CPU time (less sensitive to other jobs on a shared machine); model_share = fraction of that time inside the model. CPU figures depend on other jobs on "
                     "the machine (see the load averages).",
               results=rows)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True); Path(a.out).write_text(json.dumps(res, indent=1))
    print('wrote', a.out)

if __name__ == '__main__': main()
