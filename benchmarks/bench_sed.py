"""SED throughput: 10-s clips per second through Cnn14_DecisionLevelMax (eval mode, no grad), as used for anchor mining.

Usage: python benchmarks/bench_sed.py [--batch 4] [--repeats 3] [--widths 1.0,0.0625] [--devices cpu,cuda] [--out results/sed_bench.json]
Prints a table and writes the figures with the command line and machine info. No assertions on timings.
"""
import argparse, json, os, platform, sys, time
from pathlib import Path
import torch
from uss_repro.panns import Cnn14_DecisionLevelMax
from uss_repro.core import count_params

def bench(width:float, device:str, batch:int, repeats:int, seconds:float=10.0)->dict:
    "Median time of `repeats` forwards of a (batch, seconds*32000) input after one warm-up forward."
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0); m = Cnn14_DecisionLevelMax(width=width).to(device).eval()
    x = torch.randn(batch, int(seconds * 32000), generator=torch.Generator().manual_seed(0)).mul(0.1).to(device)
    sync = (lambda: torch.cuda.synchronize()) if device.startswith('cuda') else (lambda: None)
    times = []
    with torch.no_grad():
        m(x); sync()
        for _ in range(repeats):
            t = time.perf_counter(); m(x); sync(); times.append(time.perf_counter() - t)
    med = sorted(times)[len(times) // 2]
    return dict(width=width, device=device, batch=batch, params=count_params(m), seconds_per_batch=med, times=times,
                clips_per_second=batch / med, realtime_factor=batch * seconds / med)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--batch', type=int, default=4); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--widths', default='1.0,0.0625'); ap.add_argument('--devices', default='cpu,cuda')
    ap.add_argument('--out', default='results/sed_bench.json')
    a = ap.parse_args(argv)
    devices = [d for d in a.devices.split(',') if d != 'cuda' or torch.cuda.is_available()]
    rows = [bench(float(w), d, a.batch, a.repeats) for d in devices for w in a.widths.split(',')]
    print(f"{'device':8s} {'width':>7s} {'params':>12s} {'batch':>5s} {'s/batch':>9s} {'clips/s':>9s} {'x realtime':>10s}")
    for r in rows:
        print(f"{r['device']:8s} {r['width']:7.4f} {r['params']:12,d} {r['batch']:5d} {r['seconds_per_batch']:9.3f} {r['clips_per_second']:9.2f} {r['realtime_factor']:10.1f}")
    info = dict(command=' '.join([Path(sys.executable).name] + sys.argv), python=platform.python_version(), torch=torch.__version__,
                cpu_count=os.cpu_count(), torch_threads=torch.get_num_threads(), processor=platform.processor() or platform.machine(),
                cuda_device=torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
                loadavg_1_5_15=list(os.getloadavg()), note='CPU figures depend on what else runs on the machine: compare only figures taken in one run (see loadavg_1_5_15).')
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(dict(machine=info, results=rows), indent=1))
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
