"""How well the listening demo's on-the-spot separator does, and how long it takes to train.

    python benchmarks/bench_demo_separator.py [--steps 300] [--out results/demo_separator.json]

Trains `uss_repro.demo.train_demo_separator` (ResUNet30 at 1/8 width, one-hot class queries, the
ten CC0 recordings) and separates five 4-second mixtures of those recordings at 0 dB twice: with
the target's class as query and with the interferer's (swapped). Prints and writes SDRi (uss SDR)
against the target for both; a separator that follows its query scores much lower when swapped.
The mixtures are cut from the training recordings, so this measures the demo, not generalisation.
"""
import argparse, json, platform, time
import torch
from uss_repro.demo import train_demo_separator, cc0_clips, mix_at_snr
from uss_repro.audio import load_audio
from uss_repro.separate import separate_waveform
from uss_repro.metrics import sdr_uss

PAIRS = [('Dog', 'Chicken, rooster'), ('Duck', 'Pig'), ('Cat', 'Cattle, bovinae'), ('Owl', 'Frog'), ('Horse', 'Sheep')]

def main(steps:int=300, out:str='results/demo_separator.json'):
    t0 = time.time(); sep = train_demo_separator(steps=steps, progress=False); train_s = time.time() - t0
    w = {k: load_audio(p, sr=sep.sample_rate)[0] for k, p in cc0_clips().items()}
    rows = []
    for a, b in PAIRS:
        t = w[a][:4 * sep.sample_rate]; mix = mix_at_snr(t, w[b], 0.0)[0]
        right, swap = (float(sdr_uss(separate_waveform(sep, mix, sep.sample_rate, [q])[0], t) - sdr_uss(mix, t)) for q in (a, b))
        rows.append(dict(target=a, interferer=b, sdri_right_query=round(right, 2), sdri_swapped_query=round(swap, 2)))
        print(rows[-1], flush=True)
    res = dict(command=f'python benchmarks/bench_demo_separator.py --steps {steps}', steps=steps, train_seconds=round(train_s, 1),
               torch_threads=torch.get_num_threads(), machine=dict(platform=platform.platform(), cpu_count=__import__('os').cpu_count()),
               pairs=rows, mean_sdri_right_query=round(sum(r['sdri_right_query'] for r in rows) / len(rows), 2),
               mean_sdri_swapped_query=round(sum(r['sdri_swapped_query'] for r in rows) / len(rows), 2))
    print(f"trained {steps} steps in {train_s:.0f} s; mean SDRi {res['mean_sdri_right_query']} dB (right query), {res['mean_sdri_swapped_query']} dB (swapped)")
    if out: json.dump(res, open(out, 'w'), indent=1)
    return res

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--steps', type=int, default=300); ap.add_argument('--out', default='results/demo_separator.json')
    main(**vars(ap.parse_args()))
