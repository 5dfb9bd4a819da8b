"""Record every call of torchjd's SDMGradWeighting into a run folder that sdmgrad-explorer reads.

One added line records a whole training run (SPEC section 7 of sdmgrad-explorer)::

    from sdmgrad_record import attach

    weighting = SDMGradWeighting(lambda_=0.3)
    recorder = attach(weighting, "run")          # the one added line
    ...
    weights = weighting(A)                       # unchanged training code: every call is recorded

then ``sdmgrad-explorer report run``, ``sdmgrad-explorer solve run`` or ``sdmgrad-explorer --follow run``.

The folder gets, per call K = 0, 1, 2, ...: ``stepK-A.npy`` (the matrix the weighting received, in its
own dtype), optionally ``stepK-J1.npy``, ``stepK-J2.npy``, ``stepK-J3.npy`` (see ``Recorder.jacobians``),
and one line of ``calls.jsonl``: ``{"step":K,"dtype":"float32"|"float64","weights":[..],"w":[..]}``,
appended after the step's files are in place. ``params.json`` holds the weighting's parameters.
Every file is written under a temporary name and renamed into place, and each line of
``calls.jsonl`` is written with one ``write``, so a reader never sees half a step.

Recording never changes what the weighting returns (a forward hook only reads). Needs numpy and
torch; works with torchjd 0.18.0.
"""
from __future__ import annotations

import json
import os
import re
import warnings

import numpy as np
import torch

__all__ = ["attach", "Recorder"]

_STEP_FILE = re.compile(r"^step\d+-(A|J1|J2|J3)\.npy$")
_DTYPES = {torch.float32: "float32", torch.float64: "float64"}


def attach(weighting, folder, append=False):
    """Starts recording every call of ``weighting`` (a torchjd ``SDMGradWeighting``) into ``folder``.

    ``folder`` is created when missing. A folder that already holds another run (a ``calls.jsonl``
    with calls, or step files) is refused with ``FileExistsError`` unless ``append=True``, which
    continues that run's step numbers (its ``params.json`` must match the weighting's parameters).
    The replay carries the inner state ``w`` across the join, so attach the same weighting (or one
    whose state was restored) for the first appended call to replay exactly.
    Returns the ``Recorder``; ``recorder.close()`` or a ``with`` block stops recording.
    """
    return Recorder(weighting, folder, append=append)


class Recorder:
    """Writes one run folder step per call of the weighting it is attached to (see ``attach``)."""

    def __init__(self, weighting, folder, append=False):
        _check_weighting(weighting)
        self.folder = os.fspath(folder)
        self.weighting = weighting
        self.step = 0
        self._jacobians = None
        self._warned = set()
        os.makedirs(self.folder, exist_ok=True)
        self.params = _parameters(weighting)
        calls_path = os.path.join(self.folder, "calls.jsonl")
        complete = _complete_lines(calls_path)
        leftovers = [name for name in os.listdir(self.folder) if _STEP_FILE.match(name)]
        if complete or leftovers:
            if not append:
                what = f"{len(complete)} recorded calls in calls.jsonl" if complete else "step files"
                raise FileExistsError(
                    f"{self.folder} already holds another run ({what}); choose a new folder, or pass "
                    f"append=True to continue that run")
            self._check_same_parameters()
            if complete:
                self.step = json.loads(complete[-1])["step"] + 1
            elif leftovers:
                raise FileExistsError(f"{self.folder} has step files but no calls.jsonl: cannot append to it")
        _write_atomically(os.path.join(self.folder, "params.json"),
                          (json.dumps(self.params, separators=(",", ":")) + "\n").encode())
        self._calls = os.open(calls_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._hook = weighting.register_forward_hook(self._record)

    def jacobians(self, J1, J2, J3=None):
        """Stores the Jacobians of the next call (m x n each; J3 the third batch's) as ``stepK-J*.npy``.

        They let the explorer draw the geometry and the direction d = J3^T weights; A alone is enough
        for ``solve`` and ``report``.
        """
        self._jacobians = [("J1", _numpy(J1)), ("J2", _numpy(J2))] + ([("J3", _numpy(J3))] if J3 is not None else [])

    def close(self):
        """Stops recording (removes the hook and closes calls.jsonl). Calling it twice is harmless."""
        if self._hook is not None:
            self._hook.remove()
            self._hook = None
        if self._calls is not None:
            os.close(self._calls)
            self._calls = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _record(self, module, args, output):
        """The forward hook: saves A (and the pending Jacobians), then appends the call's line."""
        matrix = args[0]
        step = self.step
        a = _numpy(matrix)
        m = a.shape[0]
        jacobians, self._jacobians = self._jacobians, None
        for kind, j in jacobians or []:
            if j.ndim != 2 or j.shape[0] != m:
                self._warn(f"{kind} has shape {j.shape} but A is {m} x {m}: the Jacobians of step {step} are not saved")
                jacobians = None
                break
        for kind, j in jacobians or []:
            _write_atomically(os.path.join(self.folder, f"step{step}-{kind}.npy"), _npy_bytes(j))
        _write_atomically(os.path.join(self.folder, f"step{step}-A.npy"), _npy_bytes(a))
        if _parameters(module) != self.params:
            self._warn("the weighting's parameters changed after attach(): params.json no longer describes "
                       "every call, so a replay will differ")
        state = getattr(module, "_w", None)
        line = {
            "step": step,
            "dtype": "float64" if a.dtype == np.float64 else "float32",
            "weights": [float(x) for x in output.detach().cpu().double().tolist()],
            "w": [float(x) for x in state.detach().cpu().double().tolist()] if state is not None else [],
        }
        data = (json.dumps(line, separators=(",", ":")) + "\n").encode()
        written = os.write(self._calls, data)          # one write: a reader sees the whole line or none of it
        while written < len(data):                     # (a regular file takes it whole; this is a safeguard)
            written += os.write(self._calls, data[written:])
        self.step = step + 1
        return None                                    # the weighting's output is left untouched

    def _check_same_parameters(self):
        path = os.path.join(self.folder, "params.json")
        if not os.path.exists(path):
            return
        with open(path) as f:
            recorded = json.load(f)
        keys = ["lambda", "lr", "momentum", "iters", "pref"]
        if [recorded.get(k) for k in keys] != [self.params[k] for k in keys]:
            raise ValueError(f"{path} records other parameters ({recorded}) than the weighting's ({self.params}): "
                             "appending would make the replay wrong")

    def _warn(self, message):
        if message not in self._warned:
            self._warned.add(message)
            warnings.warn(f"sdmgrad_record: {message}", stacklevel=3)


def _check_weighting(weighting):
    try:
        from torchjd.aggregation import SDMGradWeighting
    except ImportError as error:  # pragma: no cover - torchjd is what this file is for
        raise ImportError("sdmgrad_record needs torchjd (pip install torchjd)") from error
    if not isinstance(weighting, SDMGradWeighting):
        raise TypeError(f"attach() records a torchjd SDMGradWeighting, got {type(weighting).__name__}")


def _parameters(weighting):
    """params.json's content for the weighting's current settings."""
    pref = weighting.pref_vector
    return {
        "lambda": float(weighting.lambda_),
        "lr": float(weighting.lr),
        "momentum": float(weighting.momentum),
        "iters": int(weighting.n_iter),
        "pref": None if pref is None else [float(x) for x in pref.detach().cpu().double().tolist()],
        "source": "torchjd 0.18.0",
    }


def _numpy(tensor):
    """A detached CPU copy in float32 or float64 (as received; other float types become float32)."""
    t = tensor.detach()
    if t.dtype not in _DTYPES:
        t = t.float()
    return t.cpu().numpy().copy()


def _npy_bytes(array):
    """The bytes numpy.save would write (C order)."""
    import io
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def _write_atomically(path, data):
    """Writes data to a temporary name in the same folder, then renames it into place."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.tmp-{os.getpid()}")
    with open(temporary, "wb") as f:
        f.write(data)
        f.flush()
    os.replace(temporary, path)


def _complete_lines(path):
    """The lines of calls.jsonl that end in a newline (a last line without one is being written)."""
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        text = f.read().decode()
    return [line for line in text.split("\n")[:-1] if line.strip()]
