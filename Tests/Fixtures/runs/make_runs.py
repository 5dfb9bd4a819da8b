"""Records the real torchjd runs vendored under Tests/Fixtures/runs (issue 15: report on real runs).

Each run is a small training loop with torchjd 0.18.0's SDMGradWeighting in float32, recorded with
assets/python/sdmgrad_record.py unchanged. Run from the repository root:

    PYTHONPATH=assets/python VENV/bin/python Tests/Fixtures/runs/make_runs.py Tests/Fixtures/runs

- linnerud3: scikit-learn's Linnerud (20 people, 3 exercises -> 3 body measures), one head per
  measure on a shared trunk, one-example batches: the diagonal of A = J1 J2^T is often all <= 0.
- digits4: scikit-learn's digits, 4 classification tasks on a shared trunk, lr 1, lambda 0.6 and
  a custom preference.
- digits64: digits instance-wise: each of 64 examples of a batch is a task (m = 64).
"""
import os
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits, load_linnerud
from torch.nn import CrossEntropyLoss, Linear, ReLU, Sequential
from torchjd.aggregation import SDMGradWeighting
from torchjd.autojac import jac

from sdmgrad_record import attach


def jacobian(losses, params):
    return torch.cat([j.flatten(1) for j in jac(losses, params)], dim=1)


def multi_head(folder, x, targets, heads, loss_of, weighting, steps, batch, lr_sgd, seed, biases=None):
    """Shared trunk + one head per task; three independent batches per step (xi, xi', zeta)."""
    torch.manual_seed(seed)
    trunk = Sequential(Linear(x.shape[1], 16), ReLU())
    outs = [Linear(16, k) for k in heads]
    with torch.no_grad():
        for head, bias in zip(outs, biases or []):
            head.bias.fill_(bias)      # start at the targets' mean: errors of either sign
    params = list(trunk.parameters()) + [p for h in outs for p in h.parameters()]
    optimizer = torch.optim.SGD(params, lr=lr_sgd)
    recorder = attach(weighting, folder)
    rng = np.random.default_rng(seed)
    for _ in range(steps):
        idx = [torch.as_tensor(rng.choice(len(x), batch, replace=False)) for _ in range(3)]
        def losses(i):
            h = trunk(x[i])
            return torch.stack([loss_of(t, outs[t](h), targets[t][i]) for t in range(len(heads))])
        J1, J2 = jacobian(losses(idx[0]), params), jacobian(losses(idx[1]), params)
        weights = weighting(J1 @ J2.T)
        losses(idx[2]).backward(weights)
        optimizer.step()
        optimizer.zero_grad()
    recorder.close()


def linnerud3(folder):
    data = load_linnerud()
    x = torch.tensor(data.data, dtype=torch.float32)
    x = (x - x.mean(0)) / x.std(0)
    y = torch.tensor(data.target, dtype=torch.float32)
    targets = [y[:, t:t + 1] for t in range(3)]
    mse = lambda t, out, target: ((out - target) ** 2).mean()
    multi_head(folder, x, targets, [1, 1, 1], mse, SDMGradWeighting(), steps=300, batch=1, lr_sgd=1e-4, seed=0,
               biases=[float(y[:, t].mean()) for t in range(3)])


def digits4(folder):
    data = load_digits()
    x = torch.tensor(data.data / 16.0, dtype=torch.float32)
    d = torch.tensor(data.target)
    targets = [d % 2, (d > 4).long(), d % 3, d]
    ce = CrossEntropyLoss()
    loss_of = lambda t, out, target: ce(out, target)
    # DIGITS4_LR / DIGITS4_ITERS: train again with the settings a report recommends (README).
    weighting = SDMGradWeighting(lr=float(os.environ.get("DIGITS4_LR", "1.0")), n_iter=int(os.environ.get("DIGITS4_ITERS", "20")),
                                 lambda_=0.6, pref_vector=torch.tensor([0.4, 0.3, 0.2, 0.1]))
    multi_head(folder, x, targets, [2, 2, 3, 10], loss_of, weighting, steps=200, batch=32, lr_sgd=0.1, seed=1)


def digits64(folder):
    data = load_digits()
    torch.manual_seed(2)
    x = torch.tensor(data.data / 16.0, dtype=torch.float32)
    d = torch.tensor(data.target)
    model = Sequential(Linear(64, 16), ReLU(), Linear(16, 10))
    params = list(model.parameters())
    optimizer = torch.optim.SGD(params, lr=0.1)
    ce = CrossEntropyLoss(reduction="none")
    weighting = SDMGradWeighting()
    recorder = attach(weighting, folder)
    rng = np.random.default_rng(2)
    for _ in range(int(os.environ.get("DIGITS64_STEPS", "24"))):
        idx = [torch.as_tensor(rng.choice(len(x), 64, replace=False)) for _ in range(3)]
        J1 = jacobian(ce(model(x[idx[0]]), d[idx[0]]), params)
        J2 = jacobian(ce(model(x[idx[1]]), d[idx[1]]), params)
        weights = weighting(J1 @ J2.T)
        ce(model(x[idx[2]]), d[idx[2]]).backward(weights)
        optimizer.step()
        optimizer.zero_grad()
    recorder.close()


if __name__ == "__main__":
    root = sys.argv[1]
    which = sys.argv[2:] or ["linnerud3", "digits4", "digits64"]
    for name in which:
        globals()[name](os.path.join(root, name))
        print("recorded", name)
