"""Goldens for AnomalyLab.Features.Vibration and AnomalyLab.Data.Vibration.

Run with Debian's Python (scipy 1.10.1, numpy 1.24.2):
    /usr/bin/python3 tests/goldens/vibration_goldens.py

Writes tests/AnomalyLab.Tests/Goldens/vibration/{spectral.json, features.json, arrays.mat, arrays_compressed.mat,
arrays.json, cwru_head.json}.
"""
import json
import os

import numpy as np
import scipy.io as sio
import scipy.signal as ss

OUT = os.path.join(os.path.dirname(__file__), "..", "AnomalyLab.Tests", "Goldens", "vibration")
SHARED = os.environ.get("ANOMALYLAB_SHARED_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
CWRU = os.path.join(SHARED, "cwru-bearing-12k-drive-end-0hp")


def save(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f)


def signal(n, seed):
    rng = np.random.RandomState(seed)
    t = np.arange(n) / 1024.0
    return np.sin(2 * np.pi * 37.0 * t) + 0.5 * np.sin(2 * np.pi * 210.5 * t) + 0.3 * rng.normal(size=n) + 0.2


def spectral():
    cases = []
    x = signal(5000, 1)
    for nperseg, noverlap, scaling, detrend in [(256, None, "density", "constant"), (256, None, "spectrum", "constant"),
                                                (300, 100, "density", "constant"), (512, 0, "density", False),
                                                (1000, 500, "spectrum", False)]:
        f, p = ss.welch(x, fs=1024.0, window="hann", nperseg=nperseg, noverlap=noverlap, detrend=detrend, scaling=scaling)
        cases.append(dict(kind="welch", nperseg=nperseg, noverlap=-1 if noverlap is None else noverlap, scaling=scaling,
                          detrend=detrend == "constant", f=f.tolist(), p=p.tolist()))
    for n in (1024, 1000):
        f, p = ss.periodogram(x[:n], fs=1024.0, scaling="density")
        cases.append(dict(kind="periodogram", n=n, scaling="density", f=f.tolist(), p=p.tolist()))
    f, t, s = ss.spectrogram(x[:2048], fs=1024.0, window="hann", nperseg=128, noverlap=64, detrend=False,
                             scaling="density", mode="psd")
    stft = dict(nperseg=128, noverlap=64, f=f.tolist(), t=t.tolist(), s=s.tolist())
    save("spectral.json", dict(x=x.tolist(), cases=cases, stft=stft))


def dtw(a, b, window):
    n, m = len(a), len(b)
    w = max(window, abs(n - m))
    cost = np.full((n + 1, m + 1), np.inf)
    cost[0, 0] = 0.0
    for i in range(1, n + 1):
        for j in range(max(1, i - w), min(m, i + w) + 1):
            cost[i, j] = abs(a[i - 1] - b[j - 1]) + min(cost[i - 1, j], cost[i, j - 1], cost[i - 1, j - 1])
    return float(cost[n, m])


def features():
    x = signal(3000, 2)
    fs = 1024.0
    d1 = np.diff(x) * fs
    d2 = np.diff(x, n=2) * fs * fs

    def stats(d):
        return dict(mean=float(d.mean()), std=float(d.std()), mean_abs=float(np.abs(d).mean()),
                    max_abs=float(np.abs(d).max()), rms=float(np.sqrt(np.mean(d * d))))

    spectrum = np.abs(np.fft.rfft(x))
    bands = [float(b.mean()) for b in np.array_split(spectrum, 16)]
    rng = np.random.RandomState(4)
    a = rng.normal(size=60)
    b = np.roll(a, 3)[:55] + 0.1 * rng.normal(size=55)
    decim = ss.decimate(x, 4, ftype="fir")
    save("features.json", dict(x=x.tolist(), fs=fs, d1=stats(d1), d2=stats(d2), bands16=bands,
                               dtw=dict(a=a.tolist(), b=b.tolist(), w5=dtw(a, b, 5), w10=dtw(a, b, 10), full=dtw(a, b, 100)),
                               decimate4=decim.tolist()))


def mat_files():
    arrays = dict(a_double=np.arange(12, dtype=np.float64).reshape(3, 4) / 7.0,
                  b_single=np.linspace(-1, 1, 10, dtype=np.float32).reshape(10, 1),
                  c_int16=np.array([[-32768, 0, 32767]], dtype=np.int16),
                  d_uint8=np.arange(6, dtype=np.uint8).reshape(2, 3),
                  e_int32=np.array([[7]], dtype=np.int32))
    sio.savemat(os.path.join(OUT, "arrays.mat"), arrays, do_compression=False)
    sio.savemat(os.path.join(OUT, "arrays_compressed.mat"), arrays, do_compression=True)
    save("arrays.json", {k: np.asarray(v, dtype=float).tolist() for k, v in arrays.items()})
    m = sio.loadmat(os.path.join(CWRU, "normal_0_97.mat"))
    save("cwru_head.json", dict(name="X097_DE_time", length=int(m["X097_DE_time"].shape[0]),
                                head=m["X097_DE_time"][:20, 0].tolist(), rpm=int(m["X097RPM"][0, 0])))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    spectral()
    features()
    mat_files()
