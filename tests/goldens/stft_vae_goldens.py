#!/usr/bin/python3
"""Golden STFT-VAE patches (Features/StftPatch) for AnomalyLab's tests.

Run with Debian's Python (torch 1.13, scipy 1.10, numpy 1.24):
    /usr/bin/python3 tests/goldens/stft_vae_goldens.py
Reads a real clip from ../shared/data (never copied into the repository) and writes float32 .npy patches plus a
manifest to tests/AnomalyLab.Tests/Goldens/stft_vae/.

Reference pipeline (the seed notebook's, librosa formulas written out because librosa is not packaged here):
  |torch.stft(x, n_fft=1024, hop_length=512, window=torch.hann_window(1024, periodic=True, float64), center=True,
              pad_mode="reflect")|
  -> dB = 20*log10(max(|X|, 1e-5)), clamped to >= max - 80 (librosa.amplitude_to_db defaults)
  -> drop the Nyquist bin (513 -> 512 rows)
  -> keep the first 128 frames (crop) / pad at the end with zeros after normalisation
  -> min-max over the real frames to [0, 1] (a constant clip -> all zeros)
The torch STFT is cross-checked against scipy.signal.stft (same window, boundary="even" is not reflect, so the
scipy check uses numpy's reflect pad and boundary=None) and against a plain numpy.fft.rfft loop.
"""
import json
import os

import numpy as np
import scipy.io.wavfile
import scipy.signal
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("ANOMALYLAB_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
OUT = os.path.join(REPO, "tests", "AnomalyLab.Tests", "Goldens", "stft_vae")
CLIP = "dcase2020-task2-dev-sample/slider/train/normal_id_00_00000000.wav"
N_FFT, HOP, FRAMES, AMIN, TOP_DB = 1024, 512, 128, 1e-5, 80.0


def magnitude_torch(x):
    window = torch.hann_window(N_FFT, periodic=True, dtype=torch.float64)
    spec = torch.stft(torch.from_numpy(x), N_FFT, HOP, window=window, center=True, pad_mode="reflect", return_complex=True)
    return spec.abs().numpy()


def magnitude_numpy(x):
    padded = np.pad(x, N_FFT // 2, mode="reflect")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    frames = 1 + (len(padded) - N_FFT) // HOP
    return np.stack([np.abs(np.fft.rfft(padded[t * HOP:t * HOP + N_FFT] * window)) for t in range(frames)], axis=1)


def magnitude_scipy(x):
    padded = np.pad(x, N_FFT // 2, mode="reflect")
    _, _, z = scipy.signal.stft(padded, window="hann", nperseg=N_FFT, noverlap=N_FFT - HOP, boundary=None, padded=False,
                                detrend=False, return_onesided=True, scaling="spectrum")
    # scaling="spectrum" divides by sum(window) = N_FFT / 2.
    return np.abs(z) * (N_FFT / 2)


def patch(magnitude):
    db = 20 * np.log10(np.maximum(magnitude, AMIN))
    db = np.maximum(db, db.max() - TOP_DB)
    db = db[:-1]  # drop the Nyquist bin
    valid = min(db.shape[1], FRAMES)
    db = db[:, :valid]
    lo, hi = db.min(), db.max()
    out = np.zeros((db.shape[0], FRAMES), dtype=np.float64)
    if hi > lo:
        out[:, :valid] = (db - lo) / (hi - lo)
    return out.astype(np.float32), valid


def main():
    os.makedirs(OUT, exist_ok=True)
    rate, pcm = scipy.io.wavfile.read(os.path.join(SHARED, CLIP))
    assert rate == 16000 and pcm.dtype == np.int16, (rate, pcm.dtype)
    signal = (pcm.astype(np.float32) / 32768.0).astype(np.float64)
    cases = [
        ("slider_full_10s", signal),             # 313 frames -> cropped to 128
        ("slider_first_2s", signal[:32000]),     # 63 frames -> padded to 128
        ("silence_1s", np.zeros(16000)),         # constant -> all zeros
    ]
    manifest = {"clip": CLIP, "n_fft": N_FFT, "hop": HOP, "frames": FRAMES, "amin": AMIN, "top_db": TOP_DB, "cases": []}
    for name, x in cases:
        a = magnitude_torch(x)
        b = magnitude_numpy(x)
        c = magnitude_scipy(x)
        assert np.allclose(a, b, rtol=1e-9, atol=1e-9), name
        assert np.allclose(a, c, rtol=1e-9, atol=1e-9), name
        values, valid = patch(a)
        np.save(os.path.join(OUT, name + ".npy"), values)
        manifest["cases"].append({"name": name, "file": name + ".npy", "start": 0, "samples": int(len(x)),
                                  "valid_frames": valid, "source_frames": int(a.shape[1]), "silence": bool(not x.any())})
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


if __name__ == "__main__":
    main()
