#!/usr/bin/env python
"""Separator training throughput: examples/s for ResUNet30 and MAE-ResUNet, fp32 vs bf16 autocast (+ channels_last, + torch.compile).

One training step = forward, waveform L1 loss, backward, Adam step, on 2-s mixtures at 32 kHz with a
2048-d query. Inputs are fixed random tensors on the device (this measures the model, not the data path).
On CUDA the defaults are the paper's sizes (full width, batch 16, ViT-B Audio-MAE); on CPU they are
a small width and batch (the full model at batch 16 needs about 5 TFLOP per step) and the JSON says so.

    python benchmarks/bench_separator.py                      # defaults for the machine
    python benchmarks/bench_separator.py --width 1 --batch 16 # force sizes
Writes results/separator_bench.json and prints a table.
"""
import argparse, json, os, platform, sys, time
from pathlib import Path
import torch, torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from uss_repro.core import count_params, default_device
from uss_repro.resunet import ResUNet30, MAEResUNet
from _common import cpu_model

CONFIGS = {  # name -> (autocast bf16, channels_last, torch.compile)
    'fp32': (False, False, False),
    'bf16': (True, False, False),
    'bf16+cl': (True, True, False),
    'bf16+cl+compile': (True, True, True),
}

def build(kind, width, cond, mae_cfg, device):
    "The separator `kind` ('resunet', 'mae_frozen', 'mae_updated') on `device`."
    if kind == 'resunet': return ResUNet30(condition_size=cond, width=width).to(device)
    from uss_repro.mae import AudioMAE, MAEFeatures, MAE_CONFIGS
    enc = AudioMAE(**MAE_CONFIGS[mae_cfg])
    feats = MAEFeatures(enc, mode='frozen' if kind == 'mae_frozen' else 'updated')
    return MAEResUNet(feats, condition_size=cond, width=width).to(device)

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def run_one(kind, cfg, a):
    "Time `a.steps` training steps after `a.warmup` (compilation included in warm-up); returns a result dict."
    bf16, cl, comp = CONFIGS[cfg]
    dev = a.device
    g = torch.Generator(device='cpu').manual_seed(0)
    torch.manual_seed(0)  # same initial weights for every configuration (a script, so the global RNG is ours)
    model = build(kind, a.width, a.cond, a.mae, dev).train()
    n_params = count_params(model)
    if cl: model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    N = int(a.seconds*32000)
    mix = (0.1*torch.randn(a.batch, 1, N, generator=g)).to(dev)
    tgt = (0.05*torch.randn(a.batch, 1, N, generator=g)).to(dev)
    cond = torch.randn(a.batch, a.cond, generator=g).to(dev)
    fwd = torch.compile(model) if comp else model
    def step():
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=bf16):
            out = fwd({'mixture': mix, 'query': cond})['waveform']
        loss = F.l1_loss(out.float(), tgt)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
        return loss.detach()
    if dev.type == 'cuda': torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    for _ in range(a.warmup): step()
    sync(dev); t_warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(a.steps): loss = step()
    sync(dev); dt = time.perf_counter() - t0
    res = dict(model=kind, config=cfg, bf16_autocast=bf16, channels_last=cl, compile=comp, trainable_params=n_params,
               steps=a.steps, warmup_steps=a.warmup, warmup_s=round(t_warm, 3), step_s=round(dt/a.steps, 4),
               examples_per_s=round(a.batch*a.steps/dt, 3), final_loss=float(loss))
    if dev.type == 'cuda': res['peak_mem_gib'] = round(torch.cuda.max_memory_allocated()/2**30, 2)
    return res

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--device', default=None, help="cuda / cpu (default: best available)")
    p.add_argument('--width', type=float, default=None, help="channel multiplier (default: 1.0 on CUDA, 0.25 on CPU)")
    p.add_argument('--batch', type=int, default=None, help="batch size (default: 16 on CUDA, 2 on CPU)")
    p.add_argument('--seconds', type=float, default=2.0, help="mixture length in seconds")
    p.add_argument('--cond', type=int, default=2048, help="query (condition) size")
    p.add_argument('--mae', default=None, help="uss_repro.mae.MAE_CONFIGS entry (default: vit_b on CUDA, small on CPU)")
    p.add_argument('--steps', type=int, default=None, help="timed steps (default: 20 on CUDA, 3 on CPU)")
    p.add_argument('--warmup', type=int, default=None, help="untimed steps first, compilation included (default: 5 on CUDA, 1 on CPU)")
    p.add_argument('--models', default='resunet,mae_frozen,mae_updated')
    p.add_argument('--configs', default=','.join(CONFIGS))
    p.add_argument('--threads', type=int, default=None, help="torch CPU threads (default: torch's)")
    p.add_argument('--out', default=str(ROOT/'results'/'separator_bench.json'))
    a = p.parse_args(argv)
    a.device = default_device(a.device)
    cuda = a.device.type == 'cuda'
    a.width = a.width if a.width is not None else (1.0 if cuda else 0.25)
    a.batch = a.batch if a.batch is not None else (16 if cuda else 2)
    a.mae = a.mae or ('vit_b' if cuda else 'small')
    a.steps = a.steps if a.steps is not None else (20 if cuda else 3)
    a.warmup = a.warmup if a.warmup is not None else (5 if cuda else 1)
    if a.threads: torch.set_num_threads(a.threads)
    if cuda: torch.backends.cudnn.benchmark = True
    rows, load0 = [], os.getloadavg()
    for kind in a.models.split(','):
        for cfg in a.configs.split(','):
            try: r = run_one(kind, cfg, a)
            except Exception as e: r = dict(model=kind, config=cfg, error=f"{type(e).__name__}: {str(e)[:300]}")
            rows.append(r)
            print(json.dumps(r), flush=True)
    info = dict(command=' '.join([Path(sys.executable).name] + sys.argv), python=platform.python_version(),
                torch=torch.__version__, cpu_count=os.cpu_count(), torch_threads=torch.get_num_threads(),
                platform=platform.platform(), processor=platform.processor() or platform.machine(),
                device=str(a.device), loadavg_1_5_15_start=[round(v, 2) for v in load0],
                loadavg_1_5_15_end=[round(v, 2) for v in os.getloadavg()], device_name=torch.cuda.get_device_name(a.device) if cuda else cpu_model())
    notes = ("synthetic fixed inputs; step = forward + waveform L1 + backward + Adam; examples/s = batch*steps/time after warm-up. "
             "mae_frozen/mae_updated are MAE-ResUNet (freq-axis fusion) with a uss_repro.mae encoder of config `mae`.")
    if not cuda: notes += " CPU figures: the machine may be shared with other jobs (see the load averages), so they are noisy."
    if not (a.width == 1.0 and a.batch == 16):
        notes += (f" NOT the paper's sizes: width={a.width}, batch={a.batch}, mae={a.mae} (full width at batch 16 is about 5 TFLOP "
                  "per step, far too slow for this CPU); re-run on a GPU for the full-size figures.")
    out = dict(machine=info, settings=dict(width=a.width, batch=a.batch, seconds=a.seconds, condition_size=a.cond, mae=a.mae,
                                           steps=a.steps, warmup=a.warmup), notes=notes, results=rows)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1) + '\n')
    print(f"\n{'model':<12} {'config':<16} {'ex/s':>8} {'s/step':>8} {'warm-up s':>9} {'params':>12}")
    for r in rows:
        if 'error' in r: print(f"{r['model']:<12} {r['config']:<16} ERROR {r['error'][:80]}"); continue
        print(f"{r['model']:<12} {r['config']:<16} {r['examples_per_s']:>8.2f} {r['step_s']:>8.3f} {r['warmup_s']:>9.1f} {r['trainable_params']:>12,}")
    print(f"\nwrote {a.out}")

if __name__ == '__main__': main()
