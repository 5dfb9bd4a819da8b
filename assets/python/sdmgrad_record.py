"""Record every call of torchjd's SDMGradWeighting into a run folder that sdmgrad-explorer reads.

One added line records a whole training run (SPEC section 7 of sdmgrad-explorer)::

    from sdmgrad_record import attach

    weighting = SDMGradWeighting(lambda_=0.3)
    recorder = attach(weighting, "run")          # the one added line
    ...
    weights = weighting(A)                       # unchanged training code: every call is recorded

then ``sdmgrad-explorer report run``, ``sdmgrad-explorer solve run`` or ``sdmgrad-explorer --follow run``.

The folder gets, per call K = 0, 1, 2, ...: ``stepK-A.npy`` (the matrix the weighting received, in its
own dtype: float64 and float32 as they are, float16 as ``<f2``, bfloat16 as ``<f4`` holding the bfloat16
values exactly, since numpy has no bfloat16), optionally ``stepK-J1.npy``, ``stepK-J2.npy``,
``stepK-J3.npy`` (see ``Recorder.jacobians``), and one line of ``calls.jsonl``:
``{"step":K,"dtype":"float16"|"bfloat16"|"float32"|"float64","weights":[..],"w":[..]}``,
appended after the step's files are in place. ``params.json`` holds the weighting's parameters.
Every file is written under a temporary name and renamed into place, and each line of
``calls.jsonl`` is written whole or not at all, so a reader never sees half a step. A NaN or infinity
(in A, the weights or w) is written as ``null`` and the line gets ``"non_finite":true``; the readers
skip such steps and keep the others.

Recording never changes what the weighting returns (a forward hook only reads) and never breaks
training: any failure while recording (disk full, permissions, ...) stops the recording with one
warning and a file ``RECORDING_STOPPED`` in the folder saying why; ``weighting(A)`` returns normally.
One folder has one writer: ``attach`` takes a lock file ``.lock`` holding its pid and refuses a folder
locked by a live process (a lock left by a dead one is taken over). With DDP, give each rank its own
folder, e.g. ``attach(weighting, f"run/rank{rank}")``; ``sdmgrad-explorer report run`` then reports
every rank folder in turn. Needs numpy and torch; works with torchjd 0.18.0.
"""
from __future__ import annotations

import errno
import json
import math
import os
import re
import warnings

import numpy as np
import torch

__all__ = ["attach", "Recorder"]

_STEP_FILE = re.compile(r"^step\d+-(A|J1|J2|J3)\.npy$")
_TEMPORARY = re.compile(r"^\.(?:step\d+-(?:A|J1|J2|J3)\.npy|params\.json)\.tmp-(\d+)$")
_DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.float16: "float16", torch.bfloat16: "bfloat16"}
_LOCK = ".lock"
_STOPPED = "RECORDING_STOPPED"


def attach(weighting, folder, append=False, jacobians_every=1, jacobians_dtype=None):
    """Starts recording every call of ``weighting`` (a torchjd ``SDMGradWeighting``) into ``folder``.

    ``folder`` is created when missing. A folder that already holds another run (a ``calls.jsonl``
    with calls, or step files) is refused with ``FileExistsError`` unless ``append=True``, which
    continues that run's step numbers (its ``params.json`` must match the weighting's parameters)
    after cutting off a last line a killed writer left half-written.
    The replay carries the inner state ``w`` across the join, so attach the same weighting (or one
    whose state was restored) for the first appended call to replay exactly.
    A folder another live process records into is refused with ``FileExistsError`` (``.lock``).
    ``jacobians_every=K`` keeps the Jacobians given to ``recorder.jacobians`` only every K-th step
    (steps 0, K, 2K, ...); ``jacobians_dtype="float16"`` stores them as float16 (a quarter of float64's
    size; A is always stored exactly). Returns the ``Recorder``; ``recorder.close()`` or a ``with``
    block stops recording.
    """
    return Recorder(weighting, folder, append=append, jacobians_every=jacobians_every, jacobians_dtype=jacobians_dtype)


class Recorder:
    """Writes one run folder step per call of the weighting it is attached to (see ``attach``)."""

    def __init__(self, weighting, folder, append=False, jacobians_every=1, jacobians_dtype=None):
        _check_weighting(weighting)
        if not isinstance(jacobians_every, int) or jacobians_every < 1:
            raise ValueError(f"jacobians_every must be a whole number >= 1, got {jacobians_every!r}")
        if jacobians_dtype not in (None, "float16", "float32", "float64"):
            raise ValueError(f"jacobians_dtype must be None, 'float16', 'float32' or 'float64', got {jacobians_dtype!r}")
        self.folder = os.fspath(folder)
        self.weighting = weighting
        self.step = 0
        self.jacobians_every = jacobians_every
        self.jacobians_dtype = jacobians_dtype
        self.stopped = None                     # why recording stopped, once it has
        self._jacobians = None
        self._warned = set()
        self._hook = None
        self._calls = None
        self._lock = None
        os.makedirs(self.folder, exist_ok=True)
        self._lock = _take_lock(self.folder)
        try:
            self._open(append)
        except BaseException:
            _release_lock(self._lock)
            self._lock = None
            raise
        self._hook = weighting.register_forward_hook(self._record)

    def _open(self, append):
        self.params = _parameters(self.weighting)
        calls_path = os.path.join(self.folder, "calls.jsonl")
        _remove_stale_temporaries(self.folder)
        _repair_torn_line(calls_path)
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
        stopped = os.path.join(self.folder, _STOPPED)
        if os.path.exists(stopped):
            os.remove(stopped)                  # a new recording starts: the old marker no longer applies
        _write_atomically(os.path.join(self.folder, "params.json"),
                          (json.dumps(self.params, separators=(",", ":")) + "\n").encode())
        self._calls = os.open(calls_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def jacobians(self, J1, J2, J3=None):
        """Stores the Jacobians of the next call (m x n each; J3 the third batch's) as ``stepK-J*.npy``.

        They let the explorer draw the geometry and the direction d = J3^T weights; A alone is enough
        for ``solve`` and ``report``. With ``jacobians_every=K`` only every K-th step keeps them.
        """
        if self.stopped is not None or self.step % self.jacobians_every != 0:
            return                              # not kept: no copy is made
        try:
            self._jacobians = [("J1", self._j(J1)), ("J2", self._j(J2))] + ([("J3", self._j(J3))] if J3 is not None else [])
        except Exception as error:              # never break training
            self._stop(f"could not copy the Jacobians of step {self.step}: {error!r}")

    def _j(self, tensor):
        array = _numpy(tensor)
        return array.astype(self.jacobians_dtype) if self.jacobians_dtype is not None else array

    def close(self):
        """Stops recording (removes the hook, closes calls.jsonl, frees the folder). Calling it twice is harmless."""
        if self._hook is not None:
            self._hook.remove()
            self._hook = None
        if self._calls is not None:
            try:
                os.close(self._calls)
            except OSError:
                pass
            self._calls = None
        if self._lock is not None:
            _release_lock(self._lock)
            self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def _record(self, module, args, output):
        """The forward hook: records the call; any failure stops the recording, never the training."""
        try:
            self._record_call(module, args, output)
        except Exception as error:              # disk full, permissions, a bad tensor...: training goes on
            self._stop(f"step {self.step} could not be recorded: {error!r}")
        return None                             # the weighting's output is left untouched

    def _record_call(self, module, args, output):
        """Saves A (and the pending Jacobians), then appends the call's line whole."""
        if self._calls is None:
            return
        matrix = args[0]
        step = self.step
        a, dtype = _numpy_with_label(matrix)
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
        weights = _finite_or_none(output)
        w = _finite_or_none(state) if state is not None else []
        line = {"step": step, "dtype": dtype, "weights": weights, "w": w}
        if None in weights or None in w or not np.isfinite(a).all():
            line["non_finite"] = True
            self._warn("a call had NaN or infinite values (recorded as null with \"non_finite\":true; the readers skip such steps)")
        data = (json.dumps(line, separators=(",", ":"), allow_nan=False) + "\n").encode()
        _append_whole(self._calls, data)
        self.step = step + 1

    def _stop(self, reason):
        """Stops recording after a failure: one warning, a marker file, the hook removed."""
        if self.stopped is not None:
            return
        self.stopped = reason
        try:
            warnings.warn(f"sdmgrad_record: recording into {self.folder} stopped, training goes on: {reason}", stacklevel=3)
        except Exception:
            pass
        try:
            with open(os.path.join(self.folder, _STOPPED), "w") as f:
                f.write(f"recording stopped at step {self.step}: {reason}\n")
        except Exception:
            pass                                # the disk may be full: the warning said it
        try:
            self.close()
        except Exception:
            pass

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
            warnings.warn(f"sdmgrad_record: {message}", stacklevel=4)


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
    """A detached CPU copy in float32, float64 or float16 (bfloat16 and other types become float32)."""
    t = tensor.detach()
    if t.dtype not in (torch.float32, torch.float64, torch.float16):
        t = t.float()
    return t.cpu().numpy().copy()


def _numpy_with_label(tensor):
    """A's copy as stored and its dtype label: bfloat16 is stored as float32 (exact) labelled "bfloat16"."""
    label = _DTYPES.get(tensor.dtype, "float32")
    return _numpy(tensor), label


def _finite_or_none(tensor):
    """The entries as floats, None where NaN or infinite (JSON has neither)."""
    return [x if math.isfinite(x) else None for x in (float(v) for v in tensor.detach().cpu().double().tolist())]


def _npy_bytes(array):
    """The bytes numpy.save would write (C order)."""
    import io
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def _write_atomically(path, data):
    """Writes data to a temporary name in the same folder, then renames it into place; on any failure
    the temporary file is removed and the error raised."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as f:
            f.write(data)
            f.flush()
        os.replace(temporary, path)
    except BaseException:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise


def _append_whole(fd, data):
    """Appends data to calls.jsonl whole or not at all: a short or failed write is cut off again."""
    start = os.lseek(fd, 0, os.SEEK_END)
    try:
        written = os.write(fd, data)            # one write: a reader sees the whole line or none of it
        while written < len(data):              # (a regular file takes it whole unless the disk is full)
            n = os.write(fd, data[written:])
            if n <= 0:
                raise OSError(errno.ENOSPC, "short write")
            written += n
    except BaseException:
        try:
            os.ftruncate(fd, start)
        except OSError:
            pass
        raise


def _repair_torn_line(path):
    """Cuts a last line without its newline (a writer killed mid-line) off calls.jsonl."""
    if not os.path.exists(path):
        return
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        end = data.rfind(b"\n") + 1
        with open(path, "r+b") as f:
            f.truncate(end)
        warnings.warn(f"sdmgrad_record: {path} ended in half a line ({len(data) - end} bytes, a writer killed "
                      "while writing); cut it off", stacklevel=4)


def _remove_stale_temporaries(folder):
    """Removes the temporary files (.NAME.tmp-PID) a writer killed mid-write left (we hold the lock)."""
    for name in os.listdir(folder):
        match = _TEMPORARY.match(name)
        if match and (int(match.group(1)) == os.getpid() or not _alive(int(match.group(1)))):
            try:
                os.remove(os.path.join(folder, name))
            except OSError:
                pass


def _complete_lines(path):
    """The lines of calls.jsonl that end in a newline (a last line without one is being written)."""
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        text = f.read().decode()
    return [line for line in text.split("\n")[:-1] if line.strip()]


def _take_lock(folder):
    """Creates folder/.lock with our pid; refuses a lock held by a live process, takes over a dead one's."""
    path = os.path.join(folder, _LOCK)
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _lock_holder(path)
            if holder is not None and _alive(holder):
                raise FileExistsError(
                    f"{folder} is being recorded by process {holder} ({path}); one folder has one writer: with "
                    "several processes (DDP ranks) give each its own folder, e.g. run/rank0, run/rank1") from None
            os.remove(path)                     # a stale lock: its process is gone
            continue
        os.write(fd, f"{os.getpid()}\n".encode())
        os.close(fd)
        return path
    raise FileExistsError(f"{path}: could not take the lock")


def _lock_holder(path):
    try:
        with open(path) as f:
            return int(f.read().strip() or "0") or None
    except (OSError, ValueError):
        return None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _release_lock(path):
    try:
        if _lock_holder(path) == os.getpid():
            os.remove(path)
    except OSError:
        pass
