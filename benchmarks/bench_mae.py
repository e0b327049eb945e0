"""Audio-MAE pretraining throughput (clips/s) and model FLOP utilisation (MFU).

Usage: OMP_NUM_THREADS=1 python benchmarks/bench_mae.py [--cpu-configs small] [--cpu-batch 8] [--steps 5]
                                                     [--gpu-batch 64] [--out results/mae_bench.json]
* CPU: the configurations named by --cpu-configs (default: the CPU-sized 'small'), fp32, PyTorch's SDPA.
* CUDA (when available): the full ViT-B with the 16-block local decoder, bf16 autocast, SDPA (flash) attention.
* FLOPs per training step come from torch.utils.flop_counter.FlopCounterMode (2 FLOPs per multiply-add),
  counted on the meta device with the math attention backend so that attention matmuls are included; a
  step = forward + backward of the masked (0.8) model. MFU = achieved model FLOP/s / peak: on CUDA the
  vendor's dense bf16 peak for the device; on CPU the measured throughput of a large fp32 matmul on the
  same machine (an attainable, not theoretical, peak).
Also reports the FLOPs of a full unmasked ViT-B encoder pass on 1024 x 128 (models.md: 87.3 G).
Writes results/mae_bench.json and prints a table.
"""
import argparse, json, os, platform, sys, time
from pathlib import Path
import torch

LOAD0 = os.getloadavg()[0]
PEAK_BF16 = {'H100': 989e12, 'H200': 989e12, 'A100': 312e12, 'L40S': 362e12, 'A10': 125e12}  # dense, no sparsity

def step_flops(cfg:dict, batch:int)->dict:
    "FLOPs of one pretraining forward+backward, and of a full unmasked encoder pass, counted on the meta device."
    from torch.utils.flop_counter import FlopCounterMode
    from torch.nn.attention import sdpa_kernel, SDPBackend
    from uss_repro.mae import AudioMAE
    with torch.device('meta'): m = AudioMAE(**cfg)
    T, Fq = m.patch_embed.img_size
    x = torch.randn(batch, 1, T, Fq, device='meta')
    with sdpa_kernel(SDPBackend.MATH):
        fc = FlopCounterMode(display=False)
        with fc:
            loss, _, _ = m(x, generator=None)
            loss.backward()
        train = fc.get_total_flops()
        fe = FlopCounterMode(display=False)
        with fe, torch.no_grad(): m.forward_encoder(x[:1], mask_ratio=0.0)
    return dict(train_step=train, encoder_unmasked_per_clip=fe.get_total_flops())

def matmul_peak(device, dtype, n=2048, reps=5)->float:
    a = torch.randn(n, n, device=device, dtype=dtype); b = torch.randn(n, n, device=device, dtype=dtype)
    for _ in range(2): a @ b
    if device.type == 'cuda': torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(reps): a @ b
    if device.type == 'cuda': torch.cuda.synchronize()
    return 2 * n ** 3 * reps / (time.perf_counter() - t)

def time_training(cfg:dict, batch:int, steps:int, device, bf16:bool)->dict:
    from uss_repro.mae import AudioMAE, param_groups
    torch.manual_seed(0)
    m = AudioMAE(**cfg).to(device).train()
    opt = torch.optim.AdamW(param_groups(m, 1e-4), lr=1e-4, betas=(0.9, 0.95))
    T, Fq = m.patch_embed.img_size
    x = torch.randn(batch, 1, T, Fq, device=device)
    def one(i):
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            loss, _, _ = m(x, generator=torch.Generator().manual_seed(i))
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    for i in range(2): one(i)  # warm-up
    if device.type == 'cuda': torch.cuda.synchronize(); torch.cuda.reset_peak_memory_stats()
    t = time.perf_counter()
    for i in range(steps): one(i)
    if device.type == 'cuda': torch.cuda.synchronize()
    dt = (time.perf_counter() - t) / steps
    out = dict(seconds_per_step=dt, clips_per_s=batch / dt)
    if device.type == 'cuda': out['peak_mem_gib'] = torch.cuda.max_memory_allocated() / 2 ** 30
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cpu-configs', nargs='*', default=['small'])
    ap.add_argument('--cpu-batch', type=int, default=8)
    ap.add_argument('--gpu-batch', type=int, default=64)
    ap.add_argument('--steps', type=int, default=5)
    ap.add_argument('--out', default=str(Path(__file__).resolve().parents[1]/'results'/'mae_bench.json'))
    a = ap.parse_args()
    from uss_repro.mae import MAE_CONFIGS, AudioMAE
    from uss_repro.core import count_params
    rows = []
    vitb = step_flops(MAE_CONFIGS['vit_b'], 1)
    print(f"ViT-B: {vitb['train_step']/1e9:.1f} GFLOPs per clip per training step (masked 0.8, fwd+bwd); "
          f"unmasked encoder pass on 1024x128: {vitb['encoder_unmasked_per_clip']/1e9:.1f} GFLOPs")
    cpu = torch.device('cpu')
    cpu_peak = matmul_peak(cpu, torch.float32)
    for name in a.cpu_configs:
        cfg = MAE_CONFIGS[name]
        fl = step_flops(cfg, a.cpu_batch)['train_step']
        r = time_training(cfg, a.cpu_batch, a.steps, cpu, bf16=False)
        with torch.device('meta'): n = count_params(AudioMAE(**cfg))
        row = dict(device='cpu', config=name, params=n, batch=a.cpu_batch, dtype='float32', attention='sdpa (cpu)',
                   flops_per_step=fl, achieved_flops_per_s=fl / r['seconds_per_step'], peak_flops_per_s=cpu_peak,
                   peak_kind='measured 2048^2 fp32 matmul', mfu=fl / r['seconds_per_step'] / cpu_peak, **r)
        rows.append(row)
    if torch.cuda.is_available():
        dev = torch.device('cuda')
        name = torch.cuda.get_device_name(0)
        peak = next((v for k, v in PEAK_BF16.items() if k in name), None)
        cfg = MAE_CONFIGS['vit_b']
        fl = vitb['train_step'] * a.gpu_batch
        r = time_training(cfg, a.gpu_batch, a.steps, dev, bf16=True)
        rows.append(dict(device=name, config='vit_b', params=count_params(AudioMAE(**cfg)), batch=a.gpu_batch, dtype='bf16 autocast',
                         attention='sdpa', flops_per_step=fl, achieved_flops_per_s=fl / r['seconds_per_step'],
                         peak_flops_per_s=peak, peak_kind='vendor dense bf16', mfu=(fl / r['seconds_per_step'] / peak) if peak else None,
                         measured_bf16_matmul_flops_per_s=matmul_peak(dev, torch.bfloat16, 8192, 20), **r))
    else:
        print("CUDA not available: the ViT-B GPU row is skipped")
    print(f"{'device':>12s} {'config':>7s} {'params':>12s} {'batch':>5s} {'s/step':>8s} {'clips/s':>8s} {'GFLOP/step':>10s} {'TFLOP/s':>8s} {'MFU':>6s}")
    for r in rows:
        print(f"{r['device'][:12]:>12s} {r['config']:>7s} {r['params']:>12,d} {r['batch']:>5d} {r['seconds_per_step']:>8.3f} {r['clips_per_s']:>8.2f} "
              f"{r['flops_per_step']/1e9:>10.1f} {r['achieved_flops_per_s']/1e12:>8.3f} {(r['mfu'] or float('nan'))*100:>5.1f}%")
    res = dict(command=' '.join([sys.executable.split('/')[-1]] + sys.argv),
               machine=dict(cpu_count=os.cpu_count(), platform=platform.platform(), processor=platform.processor() or platform.machine(),
                            torch=torch.__version__, cuda=torch.cuda.is_available(),
                            device_name=torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'cpu',
                            omp_num_threads=os.environ.get('OMP_NUM_THREADS'), torch_threads=torch.get_num_threads(), load_average_1m_at_start=LOAD0,
                            note='the CPU is shared with other jobs while measuring; CPU timings are indicative'),
               flop_counter='torch.utils.flop_counter.FlopCounterMode (2 FLOPs per multiply-add), math SDPA backend, meta device',
               vit_b_flops=dict(train_step_per_clip=vitb['train_step'], encoder_unmasked_per_clip=vitb['encoder_unmasked_per_clip']),
               results=rows, date=time.strftime('%Y-%m-%d %H:%M:%S %Z'))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=1))
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
