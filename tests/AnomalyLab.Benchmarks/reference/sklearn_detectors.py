"""scikit-learn timings for DetectorBenchmarks.cs on the same data (same formula as BenchmarkData.Matrix).

Run with Debian's Python (scikit-learn 1.2.1): /usr/bin/python3 tests/AnomalyLab.Benchmarks/reference/sklearn_detectors.py
Prints the median of 5 runs (fit + score) per detector, like the BenchmarkDotNet jobs.
"""
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors


def matrix(rows, cols, seed):
    i = np.arange(rows)[:, None]
    j = np.arange(cols)[None, :]
    v = np.sin(seed * 1000.0 + i * 12.9898 + j * 78.233) * 43758.5453
    return v - np.floor(v) - 0.5 + (i % 4)


def timed(name, run, repeats=5):
    run()  # warm-up, as the BenchmarkDotNet job does
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(f"{name}: median {np.median(times):.3f} s (min {min(times):.3f} s) over {repeats} runs")


train, test = matrix(5000, 128, 1), matrix(5000, 128, 2)
timed("LocalOutlierFactor_5000x128", lambda: -LocalOutlierFactor(novelty=True).fit(train).score_samples(test))
timed("IsolationForest_5000x128", lambda: -IsolationForest(random_state=0).fit(train).score_samples(test))
big_train, big_test = matrix(20000, 640, 3), matrix(20000, 640, 4)
timed("Knn_20000x640 (NearestNeighbors k=5, brute)", lambda: NearestNeighbors(n_neighbors=5).fit(big_train).kneighbors(big_test)[0][:, -1], repeats=3)
