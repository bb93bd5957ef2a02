"""Golden values for AnomalyLab.Metrics: ROC curve, AUC and pAUC (max_fpr=0.1) from scikit-learn 1.2.1.

Run with Debian's Python: /usr/bin/python3 tests/goldens/metrics_goldens.py
Writes tests/AnomalyLab.Tests/Goldens/metrics/roc_cases.json.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score, roc_curve

assert sklearn.__version__ == "1.2.1", sklearn.__version__
rng = np.random.default_rng(20201)
cases = []


def add(name, y, s):
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    fpr, tpr, thr = roc_curve(y, s)
    fpr_all, tpr_all, thr_all = roc_curve(y, s, drop_intermediate=False)
    cases.append({
        "name": name,
        "labels": y.tolist(),
        "scores": s.tolist(),
        "auc": float(roc_auc_score(y, s)),
        "pauc": float(roc_auc_score(y, s, max_fpr=0.1)),
        "pauc_03": float(roc_auc_score(y, s, max_fpr=0.3)),
        "fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist(),
        "fpr_all": fpr_all.tolist(), "tpr_all": tpr_all.tolist(), "thresholds_all": thr_all.tolist(),
    })


# Continuous scores, separated classes (DCASE-sized: 100 normal + 100 anomalous).
y = np.r_[np.zeros(100), np.ones(100)]
add("continuous_200", y, np.r_[rng.normal(0, 1, 100), rng.normal(1.2, 1, 100)])
# Unbalanced, 300 samples.
y = (rng.random(300) < 0.2).astype(int)
add("unbalanced_300", y, rng.normal(0, 1, 300) + 0.8 * y)
# Heavy ties: scores rounded to a few levels.
y = (rng.random(250) < 0.4).astype(int)
add("heavy_ties_250", y, np.round(rng.normal(0, 1, 250) + y, 0))
add("two_levels", y, (rng.random(250) < 0.3 + 0.4 * y).astype(float))
# All scores equal.
add("all_equal", [0, 1, 0, 1, 1, 0, 0], [0.5] * 7)
# Tiny sets.
add("tiny_perfect", [0, 1], [0.1, 0.9])
add("tiny_inverted", [0, 1], [0.9, 0.1])
add("tiny_tie", [1, 0], [3.0, 3.0])
add("tiny_three", [0, 0, 1], [0.2, 0.3, 0.25])
add("tiny_five", [1, 0, 1, 0, 0], [2.0, 2.0, 1.0, 0.0, 1.0])
# Ties across the FPR 0.1 cut.
y = np.r_[np.zeros(20), np.ones(10)]
s = np.r_[np.arange(20) / 20.0, np.full(10, 0.9)]
add("ties_at_cut", y, s)
# Negative and large-magnitude scores.
y = (rng.random(120) < 0.5).astype(int)
add("large_negative", y, -1e6 + 1e3 * rng.normal(0, 1, 120) + 500 * y)

out = os.path.join(os.path.dirname(__file__), "..", "AnomalyLab.Tests", "Goldens", "metrics", "roc_cases.json")
with open(out, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)
print(out, len(cases))
