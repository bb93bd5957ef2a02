#!/usr/bin/python3
"""PyTorch side of `dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- pytorch-import` (issue 16).

    /usr/bin/python3 tests/AnomalyLab.Benchmarks/reference/pytorch_vqvae2_encode.py [--clips 64] [--threads 2]

Loads the seed-size golden checkpoint into our PyTorch re-statement of VQ_VAE_2Layer (tests/goldens), times torch.load +
load_state_dict, then the eval-mode encode (codes of both levels, no decode) of the same real log-mel windows in
batches of 16, and prints ms per clip — the same work as the C# benchmark's "encode" line.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(REPO, "tests", "goldens"))
import vqvae2_pytorch_goldens as g  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    path = os.path.join(g.OUT, "seed_stage1_best.pt")
    start = time.perf_counter()
    model = g.Stage1(**g.SEED)
    model.load_state_dict(torch.load(path, map_location="cpu")["model_state_dict"], strict=True)
    model.eval()
    load = time.perf_counter() - start
    x = torch.from_numpy(np.load(os.path.join(g.OUT, "inputs.npy")))
    batch = x[torch.arange(args.clips) % x.shape[0]]
    with torch.no_grad():
        model.latents(batch[:16])
        start = time.perf_counter()
        for i in range(0, args.clips, 16):
            model.latents(batch[i:i + 16])
        elapsed = time.perf_counter() - start
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: load {load:.2f} s; encode {args.clips} windows in "
          f"{elapsed:.2f} s = {elapsed / args.clips * 1e3:.1f} ms/clip")


if __name__ == "__main__":
    main()
