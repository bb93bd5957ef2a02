"""Golden values for AnomalyLab.Detectors from scikit-learn 1.2.1 (scipy 1.10.1, numpy 1.24.2).

Run with Debian's Python: /usr/bin/python3 tests/goldens/detectors_goldens.py
Writes tests/AnomalyLab.Tests/Goldens/detectors/*.npy (float32 inputs, so C# reads the same float64 values) and
detectors.json (scores; higher = more anomalous, i.e. the negated scikit-learn score where that is "higher = normal").
"""
import json
import os

import numpy as np
import sklearn
from sklearn.covariance import EmpiricalCovariance
from sklearn.decomposition import PCA, KernelPCA
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors
from sklearn.svm import OneClassSVM

assert sklearn.__version__ == "1.2.1", sklearn.__version__
OUT = os.path.join(os.path.dirname(__file__), "..", "AnomalyLab.Tests", "Goldens", "detectors")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(8)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def save(name, a):
    np.save(os.path.join(OUT, name + ".npy"), a.astype(np.float32))


# Small correlated data: 300 train normals (two blobs, 8 features), 60 test normals + 40 outliers.
mix = rng.normal(0, 1, (8, 8))
train = f32(np.r_[rng.normal(0, 1, (200, 8)), rng.normal(3, 0.5, (100, 8))] @ mix * 0.5)
test = f32(np.r_[rng.normal(0, 1, (60, 8)) @ mix * 0.5, rng.normal(0, 2.5, (40, 8)) @ mix * 0.5])
save("train", train)
save("test", test)
g = {"sklearn": sklearn.__version__}

nn = NearestNeighbors(n_neighbors=5).fit(train)
dist, _ = nn.kneighbors(test)
g["knn_largest"] = dist[:, -1].tolist()
g["knn_mean"] = dist.mean(axis=1).tolist()

lof = LocalOutlierFactor(n_neighbors=20, novelty=True).fit(train)
g["lof"] = (-lof.score_samples(test)).tolist()
lof5 = LocalOutlierFactor(n_neighbors=5, novelty=True).fit(train)
g["lof_k5"] = (-lof5.score_samples(test)).tolist()

# Duplicates: each of 40 points appears three times (reach-distances of 0, the 1e-10 guard).
base = f32(rng.normal(0, 1, (40, 4)))
dup_train = np.r_[base, base, base]
dup_test = f32(np.r_[base[:10] + 0.01, rng.normal(0, 3, (10, 4))])
save("dup_train", dup_train)
save("dup_test", dup_test)
g["lof_duplicates"] = (-LocalOutlierFactor(n_neighbors=5, novelty=True).fit(dup_train).score_samples(dup_test)).tolist()

oc = OneClassSVM().fit(train)
g["ocsvm"] = (-oc.decision_function(test)).tolist()
g["ocsvm_gamma"] = float(1.0 / (train.shape[1] * train.var()))
g["ocsvm_rho"] = float(-oc.intercept_[0])
oc2 = OneClassSVM(nu=0.1, gamma=0.3).fit(train)
g["ocsvm_nu01_gamma03"] = (-oc2.decision_function(test)).tolist()

for name, k in (("pca_var09", 0.9), ("pca_3", 3)):
    p = PCA(n_components=k).fit(train)
    rec = p.inverse_transform(p.transform(test))
    g[name] = ((test - rec) ** 2).sum(axis=1).tolist()
    g[name + "_components"] = int(p.n_components_)


def kpca_scores(m, gamma):
    kp = KernelPCA(n_components=m, kernel="rbf", gamma=gamma).fit(train)
    z = kp.transform(test)
    gam = gamma if gamma is not None else 1.0 / train.shape[1]
    sq = lambda a, b: ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
    k_test = np.exp(-gam * sq(test, train))
    k_train = np.exp(-gam * sq(train, train))
    feature_norm = 1 - 2 * k_test.mean(axis=1) + k_train.mean()
    return (feature_norm - (z ** 2).sum(axis=1)).tolist()


g["kpca_5"] = kpca_scores(5, None)
g["kpca_10_gamma05"] = kpca_scores(10, 0.5)
full = KernelPCA(kernel="rbf").fit(train)
ev = full.eigenvalues_
g["kpca_var09_components"] = int(np.searchsorted(np.cumsum(ev) / ev.sum(), 0.9, side="right") + 1)

g["gaussian"] = EmpiricalCovariance().fit(train).mahalanobis(test).tolist()
# Singular covariance: 10 samples of 16 features (rank 9), and a constant feature.
sing_train = f32(rng.normal(0, 1, (10, 16)))
sing_train[:, 3] = 1.5
sing_test = f32(rng.normal(0, 1, (5, 16)))
save("singular_train", sing_train)
save("singular_test", sing_test)
g["gaussian_singular"] = EmpiricalCovariance().fit(sing_train).mahalanobis(sing_test).tolist()

# Isolation Forest: AUC on 1000 train normals / 500 + 500 test (moderately hard), sklearn averaged over seeds.
cov = rng.normal(0, 1, (16, 16)) / 4
if_train = f32(rng.normal(0, 1, (1000, 16)) @ cov)
if_test = f32(np.r_[rng.normal(0, 1, (500, 16)) @ cov, rng.normal(0, 1.6, (500, 16)) @ cov])
if_labels = np.r_[np.zeros(500), np.ones(500)]
save("if_train", if_train)
save("if_test", if_test)
aucs = [roc_auc_score(if_labels, -IsolationForest(random_state=s).fit(if_train).score_samples(if_test)) for s in range(5)]
g["iforest_auc_seed0"] = float(aucs[0])
g["iforest_auc_mean5"] = float(np.mean(aucs))
g["iforest_auc_all"] = [float(a) for a in aucs]
g["iforest_labels"] = if_labels.astype(int).tolist()

# Isolation Forest with identical trees: every tree sees all 256 rows (max_samples = n), two clusters (200 rows at 0,
# 56 at 1) on one feature and a constant second feature. Whatever the random threshold in [0, 1), the root separates
# the clusters and both children are constant leaves, so every tree (ours and scikit-learn's) is the same and
# score_samples = -2^(-(1 + c(leaf size)) / c(256)) exactly. All-equal rows: the root is a leaf, the score 2^(-c/c) = 1/2.
exact_train = np.c_[np.r_[np.zeros(200), np.ones(56)], np.full(256, 3.0)]
exact_test = np.array([[-1.0, 3.0], [0.0, 3.0], [1.0, 3.0], [2.0, 3.0], [0.0, -7.0]])
g["iforest_exact_train"] = exact_train.tolist()
g["iforest_exact_test"] = exact_test.tolist()
g["iforest_exact"] = (-IsolationForest(n_estimators=10, random_state=0).fit(exact_train).score_samples(exact_test)).tolist()
const_train = np.full((300, 3), 2.5)
g["iforest_constant"] = (-IsolationForest(n_estimators=10, random_state=0).fit(const_train).score_samples(exact_test[:, :1].repeat(3, axis=1))).tolist()

with open(os.path.join(OUT, "detectors.json"), "w") as f:
    json.dump(g, f)
print({k: (v if not isinstance(v, list) else len(v)) for k, v in g.items()})
