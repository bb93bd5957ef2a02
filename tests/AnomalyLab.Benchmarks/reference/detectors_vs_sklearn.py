"""scikit-learn side of `dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- detectors-vs-sklearn`.

Run by that command (not by hand): /usr/bin/python3 detectors_vs_sklearn.py DATA_DIR
DATA_DIR holds the .npy matrices the C# side timed itself on and plan.json (workload names, repeats, warm-up);
the timings (seconds per run) are written to DATA_DIR/sklearn.json, the k-NN scores to DATA_DIR/knn_scores.json.

Workloads (scikit-learn 1.2.1 defaults unless stated):
  lof      LocalOutlierFactor(novelty=True).fit(lof_train).score_samples(lof_test)          (k = 20, algorithm='auto')
  iforest  IsolationForest(random_state=0).fit(lof_train).score_samples(lof_test)
  hdbscan  scikit-learn 1.2.1 has no HDBSCAN: numpy core distances + scipy single linkage on the
           mutual-reachability matrix (clustering_reference.hdbscan_core, min_samples 5) on blobs
  tsne     TSNE(n_components=2, random_state=0).fit_transform(blobs)                     (Barnes-Hut, init='pca')
  knn      NearestNeighbors(n_neighbors=5).fit(knn_train).kneighbors(knn_test)           (brute force, exact)
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.manifold import TSNE
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clustering_reference import hdbscan_core  # noqa: E402


def main(folder):
    with open(os.path.join(folder, "plan.json")) as f:
        plan = json.load(f)

    def load(name):
        return np.load(os.path.join(folder, name + ".npy"))

    workloads = {
        "lof": (lambda: (load("lof_train"), load("lof_test")),
                lambda d: -LocalOutlierFactor(novelty=True).fit(d[0]).score_samples(d[1])),
        "iforest": (lambda: (load("lof_train"), load("lof_test")),
                    lambda d: -IsolationForest(random_state=0).fit(d[0]).score_samples(d[1])),
        "hdbscan": (lambda: load("blobs"), lambda x: hdbscan_core(x, 5)),
        "tsne": (lambda: load("blobs"), lambda x: TSNE(n_components=2, random_state=0).fit_transform(x)),
        "knn": (lambda: (load("knn_train"), load("knn_test")),
                lambda d: NearestNeighbors(n_neighbors=5).fit(d[0]).kneighbors(d[1])[0][:, -1]),
    }
    results = {}
    for item in plan["workloads"]:
        name = item["name"]
        data = workloads[name][0]()
        run = workloads[name][1]
        if item["warmup"]:
            run(data)
        times = []
        for _ in range(item["repeats"]):
            start = time.perf_counter()
            result = run(data)
            times.append(time.perf_counter() - start)
        if name == "knn" and times:
            # the 5th-neighbour distances, so the C# side can check that both computed the same thing
            with open(os.path.join(folder, "knn_scores.json"), "w") as f:
                json.dump([float(v) for v in result], f)
        results[name] = times
        print(f"sklearn {name}: runs {[round(t, 3) for t in times]} s", flush=True)
    with open(os.path.join(folder, "sklearn.json"), "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1])
