#!/usr/bin/env python
"""ACN-TCN speed on one CPU thread: real-time factor (RTF) and per-hop latency, offline and streaming.

The paper-size model (`ACNTCN()`, C = 32, 41 classes, random weights) extracts one label from a
6-s mixture at 16 kHz:

* offline: one `model.extract` of the whole clip (best of `--repeats`);
* streaming, torch: `model.stream(label)` called once per 128-sample hop (8 ms of audio), with
  full attention context (the reference) and with a bounded `--window`;
* streaming, onnxruntime: the exported step (`export_stream_step_onnx`, bounded window), one
  session thread, through the same stream logic (skipped if onnxruntime is missing).

RTF = compute time / audio duration (real time needs RTF < 1; per hop the budget is 8 ms).
Latency numbers are per call (one hop in, one hop out). The machine is shared, so the load
average before and after is recorded with the results.

    python benchmarks/acntcn_stream.py                 # 6-s clip, window 64 frames
    python benchmarks/acntcn_stream.py --seconds 3 --window 32
Writes results/acntcn_stream.json and prints a summary.
"""
import argparse, json, os, platform, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from uss_repro.acntcn import ACNTCN, ACNTCNStream, export_stream_step_onnx, onnx_stream_step
from uss_repro.core import count_params
from _common import cpu_model

def per_hop(stream, x, hop):
    "Feed x hop by hop; return the per-call times (s) and the output."
    ts, outs = [], []
    for i in range(0, x.shape[1], hop):
        t = time.perf_counter(); outs.append(stream(x[:, i:i + hop])); ts.append(time.perf_counter() - t)
    outs.append(stream.flush())
    return np.array(ts), torch.cat(outs, 1)

def summary(ts, seconds):
    return {'rtf': round(float(ts.sum())/seconds, 3), 'hop_ms_median': round(1000*float(np.median(ts)), 3),
            'hop_ms_p99': round(1000*float(np.percentile(ts, 99)), 3), 'hop_ms_max': round(1000*float(ts.max()), 3), 'calls': len(ts)}

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seconds', type=float, default=6.0)
    p.add_argument('--window', type=int, default=64, help='attention window (frames) for the bounded runs')
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--out', default=str(ROOT/'results'/'acntcn_stream.json'))
    a = p.parse_args()
    torch.set_num_threads(1); torch.manual_seed(0)
    load_before = os.getloadavg()
    model = ACNTCN().eval()
    hop, sr = model.net.hop, model.cfg.sample_rate
    g = torch.Generator().manual_seed(0)
    x = 0.1*torch.randn(1, int(a.seconds*sr), generator=g)
    label = torch.zeros(1, model.cfg.n_classes); label[0, 3] = 1
    res = {'command': ' '.join(['python'] + sys.argv), 'machine': {'nproc': os.cpu_count(), 'cpu': cpu_model(), 'torch': torch.__version__,
           'torch_threads': torch.get_num_threads(), 'python': platform.python_version()},
           'model': {'class': 'ACNTCN()', 'params': count_params(model), 'hop_samples': hop, 'hop_ms': 1000*hop/sr,
                     'algorithmic_latency_ms': model.algorithmic_latency_ms}, 'audio_seconds': a.seconds}
    with torch.inference_mode():
        model.extract(x[:, :sr], label)  # warm-up
        ts = []
        for _ in range(a.repeats):
            t = time.perf_counter(); ref = model.extract(x, label); ts.append(time.perf_counter() - t)
    res['offline'] = {'rtf': round(min(ts)/a.seconds, 3), 'seconds_best': round(min(ts), 3), 'seconds_all': [round(t, 3) for t in ts]}
    ts, y = per_hop(model.stream(label), x, hop)
    res['stream_torch_full_context'] = summary(ts, a.seconds) | {'max_abs_diff_vs_offline': float((y - ref).abs().max())}
    model.set_attn_window(a.window)
    with torch.inference_mode(): ref_w = model.extract(x, label)
    ts, y = per_hop(model.stream(label), x, hop)
    res[f'stream_torch_window{a.window}'] = summary(ts, a.seconds) | {'max_abs_diff_vs_offline': float((y - ref_w).abs().max())}
    try:
        import onnxruntime
        with tempfile.TemporaryDirectory() as d, warnings.catch_warnings():
            warnings.simplefilter('ignore')
            export_stream_step_onnx(model, f'{d}/step.onnx')
            ts, y = per_hop(ACNTCNStream(model, label, step=onnx_stream_step(f'{d}/step.onnx')), x, hop)
        res[f'stream_onnxruntime_window{a.window}'] = summary(ts, a.seconds) | {'onnxruntime': onnxruntime.__version__,
                                                                                 'max_abs_diff_vs_offline': float((y - ref_w).abs().max())}
    except ImportError: res['stream_onnxruntime'] = 'skipped: onnxruntime not installed'
    res['loadavg_before'], res['loadavg_after'] = [round(v, 2) for v in load_before], [round(v, 2) for v in os.getloadavg()]
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2) + '\n')
    print(json.dumps(res, indent=2))

if __name__ == '__main__': main()
