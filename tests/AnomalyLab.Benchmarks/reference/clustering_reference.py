"""Reference timings for ClusteringBenchmarks.cs (same data, same machine).

    /usr/bin/python3 tests/AnomalyLab.Benchmarks/reference/clustering_reference.py

t-SNE: scikit-learn 1.2.1 TSNE (barnes_hut, defaults, init='pca', learning_rate='auto').
HDBSCAN: scikit-learn 1.2.1 has none and the hdbscan package is not installable here, so the reference is the
expensive part done with compiled numpy/scipy: core distances (full distance matrix + partition) and scipy's single
linkage on the mutual-reachability matrix. Condensing/selection (O(n) in C#) is left out of the reference, which favours it.
"""
import math
import time

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist, squareform
from sklearn.manifold import TSNE


def blobs(n, d, k):
    state = 42
    mask = (1 << 64) - 1

    def uniform():
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) & mask
        return (state >> 11) * (1.0 / 9007199254740992.0)

    x = np.empty((n, d))
    for i in range(n):
        c = i % k
        for j in range(d):
            u1 = 1.0 - uniform()
            u2 = uniform()
            x[i, j] = 4 * math.sin(1.3 * c + 0.7 * j) + math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
    return x


def hdbscan_core(x, min_samples):
    dist = pdist(x)
    square = squareform(dist)
    core = np.partition(square, min_samples - 1, axis=1)[:, min_samples - 1]
    i, j = np.triu_indices(x.shape[0], 1)
    mr = np.maximum(dist, np.maximum(core[i], core[j]))
    return linkage(mr, method="single")


if __name__ == "__main__":
    x = blobs(5000, 128, 10)
    print("checksum", float(x.sum()), x[0, :3].tolist())
    for name, fn in [("hdbscan-core (numpy+scipy)", lambda: hdbscan_core(x, 5)),
                     ("sklearn TSNE 2-D", lambda: TSNE(n_components=2, random_state=0).fit_transform(x))]:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"{name}: median {sorted(times)[1]:.2f} s  runs {[round(v, 2) for v in times]}")
