#!/usr/bin/python3
"""References for the package comparison (issue 18, docs/packages.md): torchaudio / scipy on the same real clips.

    /usr/bin/python3 tests/AnomalyLab.Benchmarks/reference/packages_reference.py [out_dir]
    dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- packages-vs-ours [out_dir]

Clips: every 24th WAV (sorted path order) under ../shared/data (or $ANOMALYLAB_SHARED_DATA); channel 0. Per clip i the
folder gets (float64 .npy, computed in float64 so the reference carries no float32 rounding of its own):
  i_wav.npy          samples [frames, channels], scipy.io.wavfile int16 / 32768 (torchaudio.load's scaling)
  i_stft.npy         torch.stft power [513, frames]: n_fft 1024, hop 512, periodic Hann, center, reflect pad
  i_mel.npy          mel power [128, frames] = torchaudio melscale_fbanks(513, 0, 8000, 128, 16000, norm=None, htk) applied
  i_db.npy           torchaudio AmplitudeToDB('power', top_db=None) of i_mel: 10 log10(max(x, 1e-10))
  i_resampled.npy    scipy.signal.resample_poly(x, 441, 320) (16 kHz -> 22.05 kHz)
  i_welch.npy        scipy.signal.welch(x, 16000, nperseg=1024) density [513]
  i_periodogram.npy  scipy.signal.periodogram(x, 16000) density [frames/2 + 1]
and fbank.npy (the filterbank, [513, 128]) and clips.txt (one absolute path per line, in clip order).
"""
import os
import sys

import numpy as np
import scipy.io.wavfile
import scipy.signal
import torch
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("ANOMALYLAB_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))


def clips():
    paths = []
    for folder, _, names in os.walk(SHARED):
        paths += [os.path.abspath(os.path.join(folder, n)) for n in names if n.endswith(".wav")]
    return sorted(paths)[::24]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/anomalylab-packages-ref"
    os.makedirs(out, exist_ok=True)
    files = clips()
    fbank = torchaudio.functional.melscale_fbanks(513, 0.0, 8000.0, 128, 16000, norm=None, mel_scale="htk").double()
    np.save(os.path.join(out, "fbank.npy"), np.ascontiguousarray(fbank.numpy()))
    window = torch.hann_window(1024, periodic=True, dtype=torch.float64)
    for i, path in enumerate(files):
        rate, data = scipy.io.wavfile.read(path)
        assert rate == 16000 and data.dtype == np.int16, (path, rate, data.dtype)
        samples = data.astype(np.float64) / 32768.0
        samples = samples.reshape(len(samples), -1)
        np.save(os.path.join(out, f"{i}_wav.npy"), np.ascontiguousarray(samples))
        x = samples[:, 0]
        spec = torch.stft(torch.from_numpy(x), 1024, 512, 1024, window, center=True, pad_mode="reflect", return_complex=True)
        power = spec.abs() ** 2
        np.save(os.path.join(out, f"{i}_stft.npy"), np.ascontiguousarray(power.numpy()))
        mel = torch.matmul(power.T, fbank).T
        np.save(os.path.join(out, f"{i}_mel.npy"), np.ascontiguousarray(mel.numpy()))
        db = torchaudio.transforms.AmplitudeToDB("power", top_db=None)(mel)
        np.save(os.path.join(out, f"{i}_db.npy"), np.ascontiguousarray(db.numpy()))
        np.save(os.path.join(out, f"{i}_resampled.npy"), np.ascontiguousarray(scipy.signal.resample_poly(x, 441, 320)))
        np.save(os.path.join(out, f"{i}_welch.npy"), np.ascontiguousarray(scipy.signal.welch(x, 16000, nperseg=1024)[1]))
        np.save(os.path.join(out, f"{i}_periodogram.npy"), np.ascontiguousarray(scipy.signal.periodogram(x, 16000)[1]))
    with open(os.path.join(out, "clips.txt"), "w") as f:
        f.write("\n".join(files) + "\n")
    print(f"{len(files)} clips -> {out}")


if __name__ == "__main__":
    main()
