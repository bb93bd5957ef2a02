#!/usr/bin/python3
"""Golden outputs of scipy.signal.resample_poly for AnomalyLab's Resampler tests.

Run with Debian's Python (scipy 1.10.1, numpy 1.24):  /usr/bin/python3 tests/goldens/audio_goldens.py
Writes tests/AnomalyLab.Tests/Goldens/audio/resample_<from>_<to>_{in,out}.npy per case (float32 input as the
C# side reads it, float64 output of resample_poly on that input) plus resample_manifest.json.
The default window ('kaiser', 5.0) and padtype 'constant' are used, as AnomalyLab's Resampler does.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy.signal import resample_poly

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "tests", "AnomalyLab.Tests", "Goldens", "audio")

# (source rate, target rate, input length): odd lengths on purpose, so ceil(n*up/down) is exercised.
CASES = [(44100, 16000, 4411), (16000, 22050, 1601), (48000, 16000, 4800), (8000, 16000, 801), (22050, 44100, 999)]


def test_signal(rate, n, seed):
    t = np.arange(n) / rate
    rng = np.random.default_rng(seed)
    # Tones below and above the target Nyquist, a chirp and some noise: aliasing would show.
    x = 0.3 * np.sin(2 * np.pi * 440.0 * t) + 0.2 * np.sin(2 * np.pi * 7000.0 * t) + 0.1 * np.sin(2 * np.pi * 0.45 * rate * t)
    x += 0.2 * np.sin(2 * np.pi * (100.0 * t + 0.5 * (rate / 4) * t * t / max(t[-1], 1e-9)))
    x += 0.05 * rng.standard_normal(n)
    return x.astype(np.float32)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    for index, (source, target, n) in enumerate(CASES):
        g = math.gcd(source, target)
        up, down = target // g, source // g
        x = test_signal(source, n, seed=index)
        y = resample_poly(x.astype(np.float64), up, down)
        assert len(y) == -(-n * up // down)
        stem = f"resample_{source}_{target}"
        np.save(os.path.join(OUT, stem + "_in.npy"), x)
        np.save(os.path.join(OUT, stem + "_out.npy"), y.astype(np.float64))
        manifest.append({"source_rate": source, "target_rate": target, "up": up, "down": down, "input": stem + "_in.npy",
                         "output": stem + "_out.npy", "input_length": n, "output_length": len(y)})
    with open(os.path.join(OUT, "resample_manifest.json"), "w") as f:
        json.dump({"generator": f"scipy {scipy.__version__}, numpy {np.__version__}", "cases": manifest}, f, indent=2)
        f.write("\n")
    print("wrote", len(manifest), "resample goldens to", OUT)


if __name__ == "__main__":
    main()
