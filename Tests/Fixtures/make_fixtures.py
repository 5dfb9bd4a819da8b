#!/usr/bin/env python3
"""Generates the committed reader fixtures in this folder (run once: python3 make_fixtures.py).

Good files: the same 3x3 matrix (`m3*`) and 3x5 Jacobian (`j35*`) in every supported format.
Bad files (`bad-*`): one defect each, for the readers' error messages.
"""
import json
import os
import struct

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


# Values with awkward binary expansions, mixed signs and magnitudes, so every reader must round exactly.
M3 = np.array([
    [2.5, -0.1, 1.0 / 3.0],
    [0.7, 1.25e-3, -4.0e5],
    [-3.141592653589793, 6.02214076e-23, 0.30000000000000004],
], dtype=np.float64)

J35 = np.array([
    [1.0, -2.0, 0.5, 0.1, -1e-7],
    [0.2, 0.3, -0.7, 2.0 / 3.0, 12345.678],
    [-5.5, 1e10, 0.0, -0.0, 9.87654321],
], dtype=np.float64)


def save_npy(name, array, version=None):
    with open(path(name), "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=False)


def save_json_rows(name, array):
    with open(path(name), "w") as f:
        f.write("[\n" + ",\n".join("  [" + ", ".join(repr(float(x)) for x in row) + "]" for row in array) + "\n]\n")


def save_json_object(name, array):
    with open(path(name), "w") as f:
        json.dump({"name": "fixture", "matrix": [[float(x) for x in row] for row in array]}, f, indent=1)
        f.write("\n")


def save_csv(name, array):
    lines = ["# a fixture written by make_fixtures.py", "", "   # indented comment"]
    for i, row in enumerate(array):
        cells = [repr(float(x)) for x in row]
        if i == 0:
            lines.append(", ".join(cells))            # comma and space
        elif i == 1:
            lines.append("  " + "   ".join(cells) + "  ")  # spaces only, padded
        else:
            lines.append(",".join(cells[:2]) + "\t" + " , ".join(cells[2:]))  # commas, tab, spaced comma
        if i == 0:
            lines.append("# comment between rows")
    with open(path(name), "w") as f:
        f.write("\n".join(lines) + "\n")


for stem, a in (("m3", M3), ("j35", J35)):
    save_npy(f"{stem}.npy", np.ascontiguousarray(a))
    save_npy(f"{stem}-fortran.npy", np.asfortranarray(a))
    save_npy(f"{stem}-f4.npy", a.astype(np.float32))
    save_npy(f"{stem}-v2.npy", a, version=(2, 0))
    save_npy(f"{stem}-v3.npy", a, version=(3, 0))
    save_json_rows(f"{stem}.json", a)
    save_json_object(f"{stem}-object.json", a)
    save_csv(f"{stem}.csv", a)

# Sanity: numpy reads back what it wrote, in the intended layout.
assert np.load(path("m3-fortran.npy")).flags.f_contiguous
for name in ("m3.npy", "m3-fortran.npy", "m3-v2.npy", "m3-v3.npy"):
    assert np.array_equal(np.load(path(name)), M3), name

# ---- bad inputs ----------------------------------------------------------------------------------
good = open(path("m3.npy"), "rb").read()
header_len = struct.unpack("<H", good[8:10])[0]
with open(path("bad-magic.npy"), "wb") as f:
    f.write(b"\x93NUMPX" + good[6:])
with open(path("bad-truncated-header.npy"), "wb") as f:
    f.write(good[: 10 + header_len // 2])
with open(path("bad-truncated-data.npy"), "wb") as f:
    f.write(good[: 10 + header_len + 8 * 9 - 5])
with open(path("bad-version4.npy"), "wb") as f:
    f.write(good[:6] + b"\x04\x00" + good[8:])
np.save(path("bad-dtype-i8.npy"), np.arange(9, dtype="<i8").reshape(3, 3))
np.save(path("bad-dtype-big-f8.npy"), M3.astype(">f8"))
np.save(path("bad-3d.npy"), np.zeros((2, 2, 2)))
np.save(path("bad-1d.npy"), np.array([1.0, 2.0, 3.0]))
np.save(path("bad-empty-0x0.npy"), np.zeros((0, 0)))

texts = {
    "bad-empty.csv": "",
    "bad-empty.json": "",
    "bad-whitespace.csv": "  \n\t\n   \n",
    "bad-comments-only.csv": "# nothing but a comment\n",
    "bad-ragged.json": "[[1, 2, 3], [4, 5], [6, 7, 8]]\n",
    "bad-ragged.csv": "1, 2, 3\n4, 5\n6, 7, 8\n",
    "bad-text.json": "[[1, 2], [3, \"four\"]]\n",
    "bad-text.csv": "1, 2\n3, four\n",
    "bad-nan.json": "[[1, NaN], [0, 1]]\n",
    "bad-infinity.json": "[[1, 0], [Infinity, 1]]\n",
    "bad-neg-infinity.json": "[[1, 0], [-Infinity, 1]]\n",
    "bad-overflow.json": "[[1, 0], [1e999, 1]]\n",
    "bad-nan.csv": "1, nan\n0, 1\n",
    "bad-infinity.csv": "1, 0\ninf, 1\n",
    "bad-empty-array.json": "[]\n",
    "bad-empty-row.json": "[[]]\n",
    "bad-no-matrix-key.json": "{\"gradients\": [[1, 0], [0, 1]]}\n",
    "bad-syntax.json": "[[1, 2], [3, 4]\n",
    # Finite Jacobian entries whose product J J^T overflows to infinity.
    "bad-overflow-j.json": "[[1e200, 1e200], [1, 2]]\n",
    # The official variant's scale is undefined: A_22 = -0.5 < -1e-4 (fine for torchjd and libmtl).
    "negdiag.json": "[[1.0, 0.2], [0.3, -0.5]]\n",
}
for name, text in texts.items():
    with open(path(name), "w") as f:
        f.write(text)
