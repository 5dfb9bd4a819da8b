#!/usr/bin/env python3
"""Time torchjd's SDMGradWeighting against sdmgrad-explorer on the very same matrices.

    python3 assets/bench/compare_torchjd.py [--binary .build/release/sdmgrad-explorer] [--seconds 0.3]

1. `sdmgrad-explorer bench --json --write-matrices DIR` times the Swift solver and writes every
   benchmark matrix A as DIR/bench-mM-A.npy.
2. `sdmgrad-explorer solve` gives the Swift weights of one call from the uniform start.
3. When torch and torchjd are importable, the same call is timed with torchjd (float64, one
   thread), its weights are compared, and the ratio is printed per m. Without them, the weights are
   checked against a plain NumPy transcription of SPEC section 1 instead.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def reference_weights(a, lam=0.3, lr=10.0, momentum=0.5, iters=20):
    """SPEC section 1 in NumPy, one call from the uniform start (no warm start)."""
    m = a.shape[0]
    s = np.mean(np.sqrt(np.maximum(np.diag(a), 0)))
    a_hat = a / (s * s + 1e-8)
    pref = np.full(m, 1.0 / m)
    w = np.full(m, 1.0 / m)
    v = None
    for _ in range(iters):
        g = a_hat @ (w + lam * pref)
        v = g if v is None else momentum * v + g
        y = w - lr * v
        u = np.sort(y)[::-1]
        tau = (y.sum() - 1) / m
        cumulative = 0.0
        for i in range(1, m):
            cumulative += u[i - 1]
            t = (cumulative - 1) / i
            if t > u[i]:
                tau = t
                break
        w = np.maximum(y - tau, 0)
    return (w + lam * pref) / (1 + lam)


def time_torchjd(a_np, seconds):
    """Median and min seconds per torchjd call (a fresh weighting each time: uniform start), and its weights."""
    import torch
    from torchjd.aggregation import SDMGradWeighting

    torch.set_num_threads(1)
    a = torch.from_numpy(a_np).to(torch.float64)
    weights = SDMGradWeighting()(a).numpy()
    samples = []
    deadline = time.perf_counter() + seconds
    while len(samples) < 5 or time.perf_counter() < deadline:
        weighting = SDMGradWeighting()
        t0 = time.perf_counter()
        weighting(a)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), min(samples), weights


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/sdmgrad-explorer")
    parser.add_argument("--seconds", type=float, default=0.3)
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"compare_torchjd: {args.binary} not found; build it with `swift build -c release`")
    try:
        import torch  # noqa: F401
        import torchjd  # noqa: F401
        have_torchjd = True
    except Exception as error:  # ImportError, or a torch build that cannot load
        have_torchjd = False
        print(f"torch/torchjd not importable ({error.__class__.__name__}: {error}); checking against NumPy only")

    with tempfile.TemporaryDirectory() as folder:
        bench = json.loads(subprocess.run(
            [args.binary, "bench", "--json", "--seconds", str(args.seconds), "--explorer-sizes", "none",
             "--write-matrices", folder],
            check=True, capture_output=True, text=True).stdout)
        print(f"{'m':>5} {'swift median':>13} {'torchjd median':>15} {'ratio':>8} {'max |dw|':>10}")
        for row in bench["solver"]:
            m = row["m"]
            path = os.path.join(folder, f"bench-m{m}-A.npy")
            a = np.load(path)
            ours = np.array(json.loads(subprocess.run(
                [args.binary, "solve", path], check=True, capture_output=True, text=True).stdout)["weights"])
            swift = row["median_ns"] * 1e-9
            if have_torchjd:
                median, _, theirs = time_torchjd(a, args.seconds)
                ratio = f"{median / swift:8.0f}x"
                their_time = f"{median * 1e6:12.1f} us"
            else:
                theirs = reference_weights(a)
                ratio, their_time = "       -", "             -"
            gap = float(np.max(np.abs(ours - theirs)))
            print(f"{m:>5} {swift * 1e6:10.2f} us {their_time} {ratio} {gap:10.2e}")


if __name__ == "__main__":
    main()
