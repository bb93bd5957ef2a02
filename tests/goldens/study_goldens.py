"""Golden values for the spectrogram study (tests/AnomalyLab.Tests/Studies).

Run with Debian's Python (torch 1.13, torchaudio 0.13.1, numpy 1.24):
    /usr/bin/python3 tests/goldens/study_goldens.py

Writes tests/AnomalyLab.Tests/Goldens/study/:
  slider_study.json  per test id of ../shared/data/dcase2020-task2-dev-sample/slider: the study's statistics computed
                     with torchaudio MelSpectrogram(16000, n_fft=1024, hop=512, n_mels=128, f_max=8000) +
                     AmplitudeToDB(top_db=80) per clip, then numpy (float64) statistics over all 313 frames.
  toy_batch.npy      a small random [11, 6, 12] float32 batch (6 normal then 5 anomalous clips, 10 valid frames of 12)
  toy_stats.json     the same statistics in numpy on toy_batch, for the pure-function tests (incl. PCA residuals).
Definitions (must match src/AnomalyLab/Studies):
  band_mean      mean over clips and frames of each mel band
  frame_mean     mean over clips and mel bands of each frame
  band_var       mean over clips of each clip's variance over time of the band (ddof 0)
  localisation   mean over anomalous clips of |x - mean_normal|; normal variability the same over normal clips
  excess         localisation - normal variability
  peak           argmax (first in row-major order) of the map; fraction = index / (size - 1)
  excess peak    peak of the excess map smoothed by a 3 x 15 box (scipy uniform_filter, mode nearest)
  effect size    (mean_a - mean_n) / sqrt(((n_a-1) var_a + (n_n-1) var_n) / (n_a + n_n - 2)), n = clips * frames, var ddof 1
  PCA            frames as samples (length n_mels), covariance ddof 1, top-k eigenvectors, sign: largest-|entry| positive
  half-mass mels shortest contiguous mel run holding >= 1/2 of the excess map's positive mass (sum over frames of max(x, 0));
                 ties: lowest start (brute force over widths here)
  temporal       per-frame positive excess mass sorted descending: fraction of frames needed to reach half of the total;
                 segmented when < 0.25
  energy sign    top region = cells of the smoothed excess >= 0.5 x its maximum; added share = sum max(diff, 0) / sum |diff|
                 over it (>= 2/3 added, <= 1/3 removed, else mixed)
"""
import json
import os
import sys

import numpy as np
from scipy.ndimage import uniform_filter
import torch
import torchaudio

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "AnomalyLab.Tests", "Goldens", "study")
SLIDER = os.path.join(ROOT, "..", "shared", "data", "dcase2020-task2-dev-sample", "slider", "test")
if not os.path.isdir(SLIDER):
    SLIDER = "/work/shared/data/dcase2020-task2-dev-sample/slider/test"


def log_mel(path, mel, to_db):
    wave, sr = torchaudio.load(path)
    assert sr == 16000, path
    with torch.no_grad():
        return to_db(mel(wave[:1]))[0].double().numpy()  # [128, 313]


def group_stats(x, valid):
    x = x[:, :, :valid]
    return {
        "band_mean": x.mean(axis=(0, 2)),
        "frame_mean": x.mean(axis=(0, 1)),
        "band_var": x.var(axis=2).mean(axis=0),
        "band_value_var": x.transpose(1, 0, 2).reshape(x.shape[1], -1).var(axis=1, ddof=1),
        "n": x.shape[0] * x.shape[2],
    }


def peak(m):
    i, j = np.unravel_index(np.argmax(m), m.shape)
    return int(i), int(j), float(m[i, j]), i / (m.shape[0] - 1), j / (m.shape[1] - 1)


def pca_fit(x, valid, k):
    frames = x[:, :, :valid].transpose(0, 2, 1).reshape(-1, x.shape[1])
    mean = frames.mean(axis=0)
    cov = np.cov(frames, rowvar=False, ddof=1)
    w, v = np.linalg.eigh(cov)
    order = np.argsort(-w, kind="stable")[:k]
    comps = v[:, order].T
    for c in comps:
        if c[np.argmax(np.abs(c))] < 0:
            c *= -1
    return mean, comps, w[order]


def pca_residual(x, valid, mean, comps):
    f = x.transpose(0, 2, 1) - mean  # [clips, frames, mels]
    rec = f @ comps.T @ comps + mean
    res = np.abs(x.transpose(0, 2, 1) - rec).transpose(0, 2, 1)[:, :, :valid]
    return res.mean(axis=0)


def study(normal, anomaly, valid, k):
    mn, ma = normal[:, :, :valid].mean(axis=0), anomaly[:, :, :valid].mean(axis=0)
    diff = ma - mn
    loc = np.abs(anomaly[:, :, :valid] - mn).mean(axis=0)
    var = np.abs(normal[:, :, :valid] - mn).mean(axis=0)
    excess = loc - var
    sn, sa = group_stats(normal, valid), group_stats(anomaly, valid)
    pooled = ((sa["n"] - 1) * sa["band_value_var"] + (sn["n"] - 1) * sn["band_value_var"]) / (sa["n"] + sn["n"] - 2)
    d = (sa["band_mean"] - sn["band_mean"]) / np.sqrt(pooled)
    mean, comps, ev = pca_fit(normal, valid, k)
    rn, ra = pca_residual(normal, valid, mean, comps), pca_residual(anomaly, valid, mean, comps)
    pm, pf, pv, pmf, ptf = peak(loc)
    smoothed = uniform_filter(excess, size=(3, 15), mode="nearest")
    em, ef, ev_, emf, etf = peak(smoothed)
    band_mass = np.maximum(excess, 0).sum(axis=1)
    total = band_mass.sum()
    low, high = next((lo, lo + w - 1) for w in range(1, len(band_mass) + 1) for lo in range(len(band_mass) - w + 1)
                     if band_mass[lo:lo + w].sum() >= 0.5 * total * (1 - 1e-12))
    frame_mass = np.sort(np.maximum(excess, 0).sum(axis=0))[::-1]
    frames_needed = int(np.searchsorted(np.cumsum(frame_mass), 0.5 * frame_mass.sum()) + 1)
    top = smoothed >= 0.5 * smoothed.max()
    added_share = float(np.maximum(diff[top], 0).sum() / np.abs(diff[top]).sum())
    return {
        "n_normal": int(normal.shape[0]), "n_anomaly": int(anomaly.shape[0]),
        "peak_mel": pm, "peak_frame": pf, "peak_value": pv, "peak_mel_fraction": pmf, "peak_time_fraction": ptf,
        "excess_peak_mel": em, "excess_peak_frame": ef, "excess_peak_value": ev_,
        "diff_min": float(diff.min()), "diff_max": float(diff.max()),
        "band_mean_normal": sn["band_mean"].tolist(), "band_mean_anomaly": sa["band_mean"].tolist(),
        "frame_mean_normal": sn["frame_mean"].tolist(), "frame_mean_anomaly": sa["frame_mean"].tolist(),
        "band_var_normal": sn["band_var"].tolist(), "band_var_anomaly": sa["band_var"].tolist(),
        "band_effect_size": d.tolist(),
        "pca_components": comps.tolist(), "pca_explained_variance": ev.tolist(),
        "residual_mean_normal": float(rn.mean()), "residual_mean_anomaly": float(ra.mean()),
        "localization_sum": float(loc.sum()), "excess_sum": float(excess.sum()),
        "half_mass_mel_low": int(low), "half_mass_mel_high": int(high),
        "half_mass_frame_fraction": frames_needed / excess.shape[1],
        "temporal_pattern": "segmented" if frames_needed / excess.shape[1] < 0.25 else "stationary",
        "top_region_cells": int(top.sum()), "energy_added_share": added_share,
        "energy_sign": "added" if added_share >= 2 / 3 else "removed" if added_share <= 1 / 3 else "mixed",
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    # Toy batch for the pure functions.
    rng = np.random.default_rng(20201)
    toy = rng.normal(-40.0, 6.0, size=(11, 6, 12)).astype(np.float32)
    toy[6:, 2:4, 3:7] += 9.0  # anomalies: bands 2-3, frames 3-6
    toy[:, :, 10:] = 0.0  # padding beyond 10 valid frames
    np.save(os.path.join(OUT, "toy_batch.npy"), toy)
    t = toy.astype(np.float64)
    toy_result = study(t[:6], t[6:], 10, 3)
    toy_result.update({"valid_frames": 10, "components": 3})
    with open(os.path.join(OUT, "toy_stats.json"), "w") as f:
        json.dump(toy_result, f, indent=1)

    mel = torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_fft=1024, hop_length=512, n_mels=128, f_max=8000)
    to_db = torchaudio.transforms.AmplitudeToDB(top_db=80)
    result = {"source": "dcase2020-task2-dev-sample/slider/test", "torchaudio": torchaudio.__version__, "ids": {}}
    for mid in ["id_00", "id_02", "id_04", "id_06"]:
        groups = {}
        for label in ["normal", "anomaly"]:
            names = sorted(n for n in os.listdir(SLIDER) if n.startswith(f"{label}_{mid}_"))
            groups[label] = np.stack([log_mel(os.path.join(SLIDER, n), mel, to_db) for n in names])
        r = study(groups["normal"], groups["anomaly"], groups["normal"].shape[2], 8)
        for key in ["pca_components", "pca_explained_variance"]:
            del r[key]
        result["ids"][mid] = r
        print(mid, r["n_normal"], r["n_anomaly"], "peak", r["peak_mel"], r["peak_frame"], "excess", r["excess_peak_mel"], r["excess_peak_frame"], file=sys.stderr)
    with open(os.path.join(OUT, "slider_study.json"), "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
