#!/usr/bin/python3
"""Golden log-mel spectrograms and mel filterbanks for AnomalyLab's Features tests.

Run with Debian's Python (torch 1.13, torchaudio 0.13.1, numpy 1.24):
    /usr/bin/python3 tests/goldens/features_goldens.py
Reads real clips from ../shared/data (never copied into the repository) and writes small .npy goldens plus a
manifest to tests/AnomalyLab.Tests/Goldens/features/.

* Torchaudio preset: torchaudio MelSpectrogram(16000, n_fft=1024, hop_length=512, n_mels=128, f_max=8000)
  + AmplitudeToDB(top_db=80), on torchaudio.load's float32 samples (channel 0 of multi-channel files).
* Dcase2020Baseline preset: the librosa 0.6 formula written out in numpy float64 (librosa is not packaged here):
  Slaney mel scale, Slaney area-normalised filters (librosa.filters.mel), periodic Hann, reflect centre padding,
  power 2, 10*log10(x + 2.220446049250313e-16), no top_db.
* Filterbanks: torchaudio.functional.melscale_fbanks for (htk, no norm) and (slaney, slaney), transposed to
  [n_mels, n_freqs] to match AnomalyLab's MelFilterbank.Weights.
"""
import json
import os

import numpy as np
import torch
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("ANOMALYLAB_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
OUT = os.path.join(REPO, "tests", "AnomalyLab.Tests", "Goldens", "features")

TORCHAUDIO_CLIPS = [
    ("slider_normal", "dcase2020-task2-dev-sample/slider/train/normal_id_00_00000000.wav", 0),
    ("slider_anomaly", "dcase2020-task2-dev-sample/slider/test/anomaly_id_02_00000003.wav", 0),
    ("toycar_11s", "dcase2020-task2-dev-sample/ToyCar/test/anomaly_id_01_00000000.wav", 0),
    ("mimii_fan_ch0", "mimii-raw-sample/fan_normal.wav", 0),
    ("dcase2023_bearing", "dcase2023-task2-dev-sample/bearing_test_section_00_target_test_anomaly_0021_vel_8_loc_G.wav", 0),
]
DCASE_CLIPS = [
    ("slider_normal", "dcase2020-task2-dev-sample/slider/train/normal_id_00_00000000.wav", 0),
    ("dcase2023_toytrain_12s", "dcase2023-task2-dev-sample/ToyTrain_test_section_00_target_test_normal_0049_car_E2_spd_9_mic_2.wav", 0),
    ("mimii_pump_ch3", "mimii-raw-sample/pump_abnormal.wav", 3),
]


def load_channel(relative, channel):
    waveform, rate = torchaudio.load(os.path.join(SHARED, relative))
    assert rate == 16000, (relative, rate)
    return waveform[channel]


def torchaudio_logmel(signal):
    mel = torchaudio.transforms.MelSpectrogram(16000, n_fft=1024, hop_length=512, n_mels=128, f_max=8000)
    to_db = torchaudio.transforms.AmplitudeToDB(top_db=80)
    return to_db(mel(signal)).numpy().astype(np.float32)


def slaney_hz_to_mel(hz):
    hz = np.asanyarray(hz, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = hz / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    log_t = hz >= min_log_hz
    mels = np.where(log_t, min_log_mel + np.log(np.maximum(hz, 1e-300) / min_log_hz) / logstep, mels)
    return mels


def slaney_mel_to_hz(mels):
    mels = np.asanyarray(mels, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * mels
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    log_t = mels >= min_log_mel
    return np.where(log_t, min_log_hz * np.exp(logstep * (mels - min_log_mel)), freqs)


def librosa_mel_filters(sr, n_fft, n_mels, fmin=0.0, fmax=None):
    """librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm=1) in float64."""
    if fmax is None:
        fmax = sr / 2.0
    weights = np.zeros((n_mels, 1 + n_fft // 2), dtype=np.float64)
    fftfreqs = np.linspace(0, sr / 2.0, 1 + n_fft // 2)
    mel_f = slaney_mel_to_hz(np.linspace(slaney_hz_to_mel(fmin), slaney_hz_to_mel(fmax), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels])
    weights *= enorm[:, np.newaxis]
    return weights


def dcase2020_logmel(signal):
    """DCASE 2020 Task 2 baseline: librosa.feature.melspectrogram(sr=16000, n_fft=1024, hop_length=512, n_mels=128,
    power=2.0) then 20/power * log10(x + sys.float_info.epsilon), all in float64."""
    y = np.asarray(signal, dtype=np.float64)
    n_fft, hop = 1024, 512
    padded = np.pad(y, n_fft // 2, mode="reflect")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)  # periodic Hann
    frames = 1 + (len(padded) - n_fft) // hop
    index = np.arange(n_fft)[None, :] + hop * np.arange(frames)[:, None]
    spectrum = np.fft.rfft(padded[index] * window[None, :], axis=1)
    power = (np.abs(spectrum) ** 2).T  # [bins, frames]
    mel = librosa_mel_filters(16000, n_fft, 128) @ power
    return (10.0 * np.log10(mel + 2.220446049250313e-16)).astype(np.float32)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {"clips": [], "filterbanks": []}
    for name, relative, channel in TORCHAUDIO_CLIPS:
        golden = torchaudio_logmel(load_channel(relative, channel))
        file = f"torchaudio_{name}.npy"
        np.save(os.path.join(OUT, file), np.ascontiguousarray(golden))
        manifest["clips"].append({"preset": "torchaudio", "wav": relative, "channel": channel, "golden": file, "shape": list(golden.shape)})
    for name, relative, channel in DCASE_CLIPS:
        golden = dcase2020_logmel(load_channel(relative, channel).numpy())
        file = f"dcase2020_{name}.npy"
        np.save(os.path.join(OUT, file), np.ascontiguousarray(golden))
        manifest["clips"].append({"preset": "dcase2020-baseline", "wav": relative, "channel": channel, "golden": file, "shape": list(golden.shape)})

    banks = [
        ("fbank_htk_none.npy", dict(n_freqs=513, f_min=0.0, f_max=8000.0, n_mels=64, sample_rate=16000, norm=None, mel_scale="htk"), 1024),
        ("fbank_slaney_slaney.npy", dict(n_freqs=257, f_min=50.0, f_max=7000.0, n_mels=64, sample_rate=16000, norm="slaney", mel_scale="slaney"), 512),
    ]
    for file, kwargs, n_fft in banks:
        weights = torchaudio.functional.melscale_fbanks(**kwargs).numpy().T.astype(np.float32)  # [n_mels, n_freqs]
        np.save(os.path.join(OUT, file), np.ascontiguousarray(weights))
        manifest["filterbanks"].append({"golden": file, "n_fft": n_fft, "sample_rate": kwargs["sample_rate"], "n_mels": kwargs["n_mels"],
                                        "f_min": kwargs["f_min"], "f_max": kwargs["f_max"], "mel_scale": kwargs["mel_scale"],
                                        "norm": kwargs["norm"] or "none"})
    # Cross-check of the librosa formula against torchaudio's slaney/slaney bank (same formula, float32 there).
    ours = librosa_mel_filters(16000, 512, 64, 50.0, 7000.0)
    theirs = torchaudio.functional.melscale_fbanks(257, 50.0, 7000.0, 64, 16000, norm="slaney", mel_scale="slaney").numpy().T
    assert np.max(np.abs(ours - theirs)) < 1e-6, np.max(np.abs(ours - theirs))

    # NpyFile reader checks: numpy's own headers for a Fortran-ordered float64 array, a 1-D int64 and a 3-D float32.
    np.save(os.path.join(OUT, "npy_fortran_f8_3x4.npy"), np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4) / 8))
    np.save(os.path.join(OUT, "npy_i8_5.npy"), np.array([-2, -1, 0, 1, 2**40], dtype=np.int64))
    np.save(os.path.join(OUT, "npy_f4_2x3x4.npy"), (np.arange(24, dtype=np.float32) - 11.5).reshape(2, 3, 4))

    manifest["generator"] = f"torch {torch.__version__}, torchaudio {torchaudio.__version__}, numpy {np.__version__}"
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("wrote", len(manifest["clips"]), "clip goldens and", len(manifest["filterbanks"]), "filterbanks to", OUT)


if __name__ == "__main__":
    main()
