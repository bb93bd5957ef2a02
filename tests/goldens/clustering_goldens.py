"""Goldens for AnomalyLab.Clustering and AnomalyLab.Embeddings.

Run with Debian's Python (scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24.2):
    /usr/bin/python3 tests/goldens/clustering_goldens.py

Outputs JSON files under tests/AnomalyLab.Tests/Goldens/clustering/.

Cluster indices come from scikit-learn. scikit-learn 1.2.1 has no HDBSCAN and the `hdbscan` package is not installable
here (no PyPI), so HDBSCAN goldens come from `reference_hdbscan` below: a deliberately plain, slow implementation written
from the HDBSCAN papers (Campello, Moulavi & Sander 2013; Campello et al. 2015 for GLOSH) and McInnes' "How HDBSCAN works":
scipy single linkage on the dense mutual-reachability matrix, then condensed tree, excess-of-mass selection, membership
probabilities and GLOSH outlier scores written as readable Python loops. It shares no code with the C# implementation
(which uses Prim's algorithm on the implicit graph).
"""
import json
import os

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist, squareform
from sklearn.datasets import make_blobs
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities_nn
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_samples, silhouette_score
from sklearn.neighbors import NearestNeighbors

OUT = os.path.join(os.path.dirname(__file__), "..", "AnomalyLab.Tests", "Goldens", "clustering")


def save(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f)


# ---------------------------------------------------------------- reference HDBSCAN (slow, plain)
def reference_hdbscan(x, min_cluster_size, min_samples):
    n = x.shape[0]
    d = squareform(pdist(x))
    # core distance: distance to the min_samples-th nearest point, the point itself counted (hdbscan / sklearn convention)
    core = np.sort(d, axis=1)[:, min_samples - 1]
    mr = np.maximum(d, np.maximum(core[:, None], core[None, :]))
    np.fill_diagonal(mr, 0.0)
    z = linkage(squareform(mr, checks=False), method="single")

    # children of each internal node of the single-linkage tree
    def leaves(node):
        out, stack = [], [node]
        while stack:
            v = stack.pop()
            if v < n:
                out.append(v)
            else:
                stack.extend([int(z[v - n, 0]), int(z[v - n, 1])])
        return out

    def size(node):
        return 1 if node < n else int(z[node - n, 3])

    # condensed tree: rows (parent cluster, child, lambda, child size); clusters numbered from n in creation order (BFS)
    rows = []
    root = 2 * n - 2
    label_of = {root: n}
    next_label = n + 1
    queue = [root]
    while queue:
        node = queue.pop(0)
        left, right, dist = int(z[node - n, 0]), int(z[node - n, 1]), z[node - n, 2]
        lam = 1.0 / dist if dist > 0 else np.inf
        parent = label_of[node]
        big_l, big_r = size(left) >= min_cluster_size, size(right) >= min_cluster_size
        if big_l and big_r:
            for child in (left, right):
                label_of[child] = next_label
                rows.append((parent, next_label, lam, size(child)))
                next_label += 1
                queue.append(child)
        else:
            for child, big in ((left, big_l), (right, big_r)):
                if big:
                    label_of[child] = parent  # the cluster goes on under the same name
                    queue.append(child)
                else:
                    for p in leaves(child):
                        rows.append((parent, p, lam, 1))
        # queue order: BFS over the single-linkage tree, like the published implementation
    clusters = sorted(set(r[0] for r in rows) | set(r[1] for r in rows if r[1] >= n))
    birth = {n: 0.0}
    for p, c, lam, s in rows:
        if c >= n:
            birth[c] = lam
    stability = {c: 0.0 for c in clusters}
    for p, c, lam, s in rows:
        stability[p] += (lam - birth[p]) * s
    children = {c: [r[1] for r in rows if r[0] == c and r[1] >= n] for c in clusters}

    # excess of mass; the root is never selected (allow_single_cluster = False)
    selected = {c: True for c in clusters if c != n}
    stab = dict(stability)
    for c in sorted(selected, reverse=True):
        sub = sum(stab[k] for k in children[c])
        if sub > stab[c]:
            selected[c] = False
            stab[c] = sub
        else:
            stack = list(children[c])
            while stack:
                k = stack.pop()
                selected[k] = False
                stack.extend(children[k])
    chosen = sorted(c for c, s in selected.items() if s)
    number = {c: i for i, c in enumerate(chosen)}

    parent_of = {r[1]: r[0] for r in rows}
    point_lambda = {r[1]: r[2] for r in rows if r[1] < n}
    labels = np.full(n, -1)
    for p in range(n):
        c = parent_of[p]
        while c != n and c not in number:
            c = parent_of[c]
        labels[p] = number.get(c, -1)

    # probabilities: lambda of the point over the largest lambda among the selected cluster's direct children
    max_child_lambda = {c: 0.0 for c in clusters}
    for p, c, lam, s in rows:
        max_child_lambda[p] = max(max_child_lambda[p], lam)
    prob = np.zeros(n)
    for p in range(n):
        if labels[p] < 0:
            continue
        m = max_child_lambda[chosen[labels[p]]]
        lam = point_lambda[p]
        prob[p] = 1.0 if (m == 0 or not np.isfinite(lam)) else min(lam, m) / m

    # GLOSH (Campello et al. 2015): 1 - lambda_p / lambda_max(C), lambda_max over every point of C's whole subtree
    def subtree_max(c):
        m = 0.0
        for p2, c2, lam, s in rows:
            if p2 == c:
                m = max(m, lam if c2 < n else subtree_max(c2))
        return m

    glosh = np.zeros(n)
    cache = {}
    for p in range(n):
        c = parent_of[p]
        if c not in cache:
            cache[c] = subtree_max(c)
        m, lam = cache[c], point_lambda[p]
        glosh[p] = 0.0 if (m == 0 or not np.isfinite(lam)) else (m - lam) / m
    return labels, prob, glosh, core


def hdbscan_cases():
    rng = np.random.RandomState(7)
    cases = []
    x, _ = make_blobs(n_samples=300, centers=[[0, 0], [6, 6], [-6, 5]], cluster_std=[0.6, 1.0, 0.4], random_state=1)
    x = np.vstack([x, rng.uniform(-10, 12, size=(30, 2))])
    cases.append(("blobs_noise", x, 10, 10))
    x, _ = make_blobs(n_samples=400, centers=[[0, 0, 0], [5, 0, 0], [0, 8, 0], [0, 0, 12]],
                      cluster_std=[0.3, 0.8, 1.5, 2.5], random_state=3)
    cases.append(("varying_density", x, 15, 5))
    x, _ = make_blobs(n_samples=250, n_features=8, centers=5, cluster_std=1.2, random_state=11)
    x = np.vstack([x, rng.normal(0, 8, size=(20, 8))])
    cases.append(("eight_dims", x, 8, 4))
    return cases


def hdbscan_goldens():
    out = []
    for name, x, mcs, ms in hdbscan_cases():
        labels, prob, glosh, core = reference_hdbscan(x, mcs, ms)
        out.append(dict(name=name, min_cluster_size=mcs, min_samples=ms, x=x.tolist(), core=core.tolist(),
                        labels=labels.tolist(), probabilities=prob.tolist(), outlier_scores=glosh.tolist()))
        print(name, "clusters", labels.max() + 1, "noise", int((labels < 0).sum()))
    save("hdbscan.json", out)


# ---------------------------------------------------------------- cluster indices (scikit-learn)
def index_goldens():
    out = []
    x, y = make_blobs(n_samples=120, n_features=5, centers=4, cluster_std=1.5, random_state=5)
    out.append(("blobs", x, y))
    rng = np.random.RandomState(2)
    x2 = rng.normal(size=(60, 3))
    y2 = rng.randint(0, 3, size=60)
    out.append(("random_labels", x2, y2))
    res = []
    for name, x, y in out:
        res.append(dict(name=name, x=x.tolist(), labels=y.tolist(), silhouette_samples=silhouette_samples(x, y).tolist(),
                        silhouette=float(silhouette_score(x, y)), calinski_harabasz=float(calinski_harabasz_score(x, y)),
                        davies_bouldin=float(davies_bouldin_score(x, y))))
    save("indices.json", res)


# ---------------------------------------------------------------- t-SNE (scikit-learn 1.2.1)
def tsne_data():
    x, y = make_blobs(n_samples=300, n_features=10, centers=4, cluster_std=2.0, random_state=42)
    return x, y


def tsne_goldens():
    x, y = tsne_data()
    res = dict(x=x.tolist(), labels=y.tolist())
    for perplexity in (5.0, 30.0):
        n = x.shape[0]
        k = min(n - 1, int(3.0 * perplexity + 1))
        nn = NearestNeighbors(n_neighbors=k).fit(x)
        dist = nn.kneighbors_graph(mode="distance")
        dist.data **= 2
        p = _joint_probabilities_nn(dist, perplexity, 0).tocoo()
        res[f"p_{int(perplexity)}"] = dict(rows=p.row.tolist(), cols=p.col.tolist(), values=p.data.astype(float).tolist())
    runs = []
    for dims in (2, 3):
        tsne = TSNE(n_components=dims, perplexity=30.0, init="pca", learning_rate="auto", random_state=0, method="barnes_hut")
        emb = tsne.fit_transform(x)
        runs.append(dict(dims=dims, kl=float(tsne.kl_divergence_), exact_kl=exact_kl(x, emb, 30.0, dims), embedding=emb.astype(float).tolist(),
                         trustworthiness=float(trustworthiness(x, emb, n_neighbors=5))))
        print("tsne", dims, runs[-1]["kl"], runs[-1]["exact_kl"], runs[-1]["trustworthiness"])
    res["runs"] = runs
    save("tsne.json", res)


def exact_kl(x, emb, perplexity, dims):
    """KL(P||Q) with sklearn's sparse P and the exact Student-t Q (dof = max(dims - 1, 1))."""
    n = x.shape[0]
    k = min(n - 1, int(3.0 * perplexity + 1))
    nn = NearestNeighbors(n_neighbors=k).fit(x)
    dist = nn.kneighbors_graph(mode="distance")
    dist.data **= 2
    p = _joint_probabilities_nn(dist, perplexity, 0).toarray().astype(float)
    dof = max(dims - 1, 1)
    d2 = squareform(pdist(emb.astype(float), "sqeuclidean"))
    q = (1.0 + d2 / dof) ** (-(dof + 1.0) / 2.0)
    np.fill_diagonal(q, 0.0)
    q /= q.sum()
    mask = p > 0
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))


def trust_goldens():
    rng = np.random.RandomState(9)
    x = rng.normal(size=(80, 6))
    emb = x[:, :2] + 0.3 * rng.normal(size=(80, 2))
    save("trustworthiness.json", dict(x=x.tolist(), embedding=emb.tolist(),
                                      t5=float(trustworthiness(x, emb, n_neighbors=5)),
                                      t10=float(trustworthiness(x, emb, n_neighbors=10))))


if __name__ == "__main__":
    index_goldens()
    hdbscan_goldens()
    trust_goldens()
    tsne_goldens()
