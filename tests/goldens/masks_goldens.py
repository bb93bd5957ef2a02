#!/usr/bin/python3
"""Golden values for the mask resizing and Perlin noise (issue 6).

Run with Debian's Python (torch 1.13): /usr/bin/python3 tests/goldens/masks_goldens.py
Writes tests/AnomalyLab.Tests/Goldens/masks/{resize,perlin}.json.

resize.json: masks (0/1 strings, row-major [B, 1, H, W]) and torch's F.interpolate(mode="nearest", size=...) and
F.max_pool2d(kernel) outputs, for grid-aligned and odd sizes.
perlin.json: DSR's rand_perlin_2d_np formula (re-implemented below from the paper's definition, numpy float64) for given
gradient angles, so the C# noise can be checked on the same lattice.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "AnomalyLab.Tests", "Goldens", "masks")
rng = np.random.default_rng(20261123)


def band_segment_mask(h, w):
    m = np.zeros((h, w), dtype=np.float32)
    width = int(rng.integers(max(1, h // 20), max(2, h // 5)))
    start = int(rng.integers(0, h - width + 1))
    for _ in range(int(rng.integers(2, 8))):
        length = int(rng.integers(1, max(2, w // 4)))
        s = int(rng.integers(0, w - length + 1))
        m[start:start + width, s:s + length] = 1
    return m


def sparse_mask(h, w, p):
    return (rng.random((h, w)) < p).astype(np.float32)


def encode(batch):
    return ["".join("1" if v else "0" for v in mask.reshape(-1)) for mask in batch[:, 0]]


cases = []
specs = [
    ("aligned_128x320", np.stack([band_segment_mask(128, 320), sparse_mask(128, 320, 0.01)])[:, None],
     [(32, 80), (16, 40), (64, 160)], [(4, 4), (8, 8)]),
    ("odd_37x101", np.stack([sparse_mask(37, 101, 0.05), band_segment_mask(37, 101)])[:, None],
     [(9, 25), (20, 200), (37, 50), (5, 101), (74, 202)], [(3, 5), (4, 4), (1, 7)]),
    ("odd_130x313", np.stack([band_segment_mask(130, 313)])[:, None],
     [(32, 80), (16, 40), (33, 79)], [(4, 3), (4, 4), (8, 8)]),
]
for name, masks, sizes, kernels in specs:
    x = torch.from_numpy(masks.astype(np.float32))
    case = {"name": name, "batch": int(x.shape[0]), "height": int(x.shape[2]), "width": int(x.shape[3]),
            "masks": encode(masks), "nearest": [], "max_pool": []}
    for (oh, ow) in sizes:
        y = F.interpolate(x, size=(oh, ow), mode="nearest").numpy()
        case["nearest"].append({"rows": oh, "columns": ow, "masks": encode(y)})
    for (kh, kw) in kernels:
        y = F.max_pool2d(x, (kh, kw)).numpy()
        case["max_pool"].append({"kernel_rows": kh, "kernel_columns": kw, "rows": int(y.shape[2]), "columns": int(y.shape[3]), "masks": encode(y)})
    cases.append(case)


def perlin(shape, res, angles):
    """DSR's rand_perlin_2d_np: lattice res cells over shape, quintic fade, sqrt(2) scaling."""
    fade = lambda t: 6 * t ** 5 - 15 * t ** 4 + 10 * t ** 3
    delta = (res[0] / shape[0], res[1] / shape[1])
    d = (shape[0] // res[0], shape[1] // res[1])
    grid = np.mgrid[0:res[0]:delta[0], 0:res[1]:delta[1]].transpose(1, 2, 0) % 1
    gradients = np.stack((np.cos(angles), np.sin(angles)), axis=-1)

    def tile(s1, s2):
        return np.repeat(np.repeat(gradients[s1[0]:s1[1], s2[0]:s2[1]], d[0], axis=0), d[1], axis=1)

    def dot(grad, shift):
        g = grid[:shape[0], :shape[1]]
        return (np.stack((g[..., 0] + shift[0], g[..., 1] + shift[1]), axis=-1) * grad[:shape[0], :shape[1]]).sum(axis=-1)

    n00 = dot(tile([0, -1], [0, -1]), [0, 0])
    n10 = dot(tile([1, None], [0, -1]), [-1, 0])
    n01 = dot(tile([0, -1], [1, None]), [0, -1])
    n11 = dot(tile([1, None], [1, None]), [-1, -1])
    t = fade(grid[:shape[0], :shape[1]])
    lerp = lambda a, b, w: (b - a) * w + a
    return math.sqrt(2) * lerp(lerp(n00, n10, t[..., 0]), lerp(n01, n11, t[..., 0]), t[..., 1])


perlin_cases = []
for shape, res in [((64, 160), (4, 8)), ((64, 160), (16, 2)), ((64, 160), (1, 1)), ((32, 96), (32, 32))]:
    angles = 2 * math.pi * rng.random((res[0] + 1, res[1] + 1))
    noise = perlin(shape, res, angles)
    assert noise.shape == shape, (noise.shape, shape)
    perlin_cases.append({"height": shape[0], "width": shape[1], "res_rows": res[0], "res_cols": res[1],
                         "angles": [float(v) for v in angles.reshape(-1)],
                         "noise": [float("%.10g" % v) for v in noise.reshape(-1)]})

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "resize.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
with open(os.path.join(OUT, "perlin.json"), "w") as f:
    json.dump({"numpy": np.__version__, "cases": perlin_cases}, f)
print("wrote", OUT)
