"""torchjd 0.18.0's SDMGradWeighting docstring example, recorded with one added line (sdmgrad_record.attach).

Instance-wise weighting: each of the m = 16 examples of a batch is a task (MSELoss(reduction="none")),
so A = J_1 J_2^T is 16 x 16. Writes the run folder this script sits in (30 steps = 90 batches).
Run from the repository root:  PYTHONPATH=assets/python python assets/examples/instancewise16/record.py
"""
import os
import sys

import torch
from torch.nn import Linear, MSELoss, ReLU, Sequential
from torch.optim import SGD

from torchjd.aggregation import SDMGradWeighting
from torchjd.autojac import jac

from sdmgrad_record import attach

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)

# Generate data (90 batches of 16 examples of dim 5) for the sake of the example.
inputs = torch.randn(90, 16, 5)
targets = torch.randn(90, 16)

model = Sequential(Linear(5, 4), ReLU(), Linear(4, 1))
optimizer = SGD(model.parameters())
criterion = MSELoss(reduction="none")
weighting = SDMGradWeighting(lambda_=0.3)
recorder = attach(weighting, folder)          # the added line: every call of weighting is recorded
params = list(model.parameters())

# Consume three consecutive (independent) batches per step.
for i in range(len(inputs) // 3):
    # Batches corresponding to ξ, ξ' and ζ in the paper's algorithm.
    input_1, input_2, input_3 = inputs[3 * i], inputs[3 * i + 1], inputs[3 * i + 2]
    target_1, target_2, target_3 = targets[3 * i], targets[3 * i + 1], targets[3 * i + 2]

    losses_1 = criterion(model(input_1).squeeze(dim=1), target_1)
    jacs_1 = jac(losses_1, params)
    J_1 = torch.cat([j.flatten(1) for j in jacs_1], dim=1)

    losses_2 = criterion(model(input_2).squeeze(dim=1), target_2)
    jacs_2 = jac(losses_2, params)
    J_2 = torch.cat([j.flatten(1) for j in jacs_2], dim=1)

    A = J_1 @ J_2.T
    recorder.jacobians(J_1, J_2)              # optional: lets the explorer draw the geometry
    weights = weighting(A)

    losses_3 = criterion(model(input_3).squeeze(dim=1), target_3)
    losses_3.backward(weights)
    optimizer.step()
    optimizer.zero_grad()

recorder.close()
