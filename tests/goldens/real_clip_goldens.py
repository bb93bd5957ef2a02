#!/usr/bin/python3
"""A short real clip committed with its log-mel goldens, so the STFT -> mel -> dB parity check runs in a fresh clone.

Run with Debian's Python (torch 1.13, torchaudio 0.13.1, numpy 1.24):
    /usr/bin/python3 tests/goldens/real_clip_goldens.py
Cuts 480 ms (7680 samples, the loudest 400 ms window's neighbourhood) from
../shared/data/dcase2020-task2-dev-sample/slider/test/anomaly_id_02_00000003.wav by copying the PCM bytes unchanged
(16 kHz, 16-bit mono), and writes to tests/AnomalyLab.Tests/Goldens/features/real_clip/:
  slider_anomaly_id_02_00000003_480ms.wav   the cut (DCASE 2020 Task 2 development data, CC BY-NC-SA 4.0: see LICENSE.md)
  torchaudio.npy                            torchaudio MelSpectrogram + AmplitudeToDB(top_db=80) of it (features_goldens.py)
  dcase2020_baseline.npy                    the librosa 0.6 formula in numpy float64 (features_goldens.py)
  manifest.json                             source, offsets, shapes
"""
import json
import os
import sys
import wave

import numpy as np
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from features_goldens import SHARED, dcase2020_logmel, torchaudio_logmel  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "tests", "AnomalyLab.Tests", "Goldens", "features", "real_clip")
SOURCE = "dcase2020-task2-dev-sample/slider/test/anomaly_id_02_00000003.wav"
START, LENGTH = 57600, 7680  # samples: 3.6 s .. 4.08 s
NAME = "slider_anomaly_id_02_00000003_480ms.wav"


def main():
    os.makedirs(OUT, exist_ok=True)
    with wave.open(os.path.join(SHARED, SOURCE), "rb") as src:
        params = src.getparams()
        assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 16000), params
        src.setpos(START)
        pcm = src.readframes(LENGTH)
    target = os.path.join(OUT, NAME)
    with wave.open(target, "wb") as dst:
        dst.setnchannels(1)
        dst.setsampwidth(2)
        dst.setframerate(16000)
        dst.writeframes(pcm)
    waveform, rate = torchaudio.load(target)
    assert rate == 16000 and waveform.shape == (1, LENGTH), waveform.shape
    manifest = {"source": SOURCE, "start_sample": START, "samples": LENGTH, "wav": NAME,
                "licence": "DCASE 2020 Task 2 development dataset (MIMII / ToyADMOS), CC BY-NC-SA 4.0", "goldens": []}
    for preset, file, golden in (("torchaudio", "torchaudio.npy", torchaudio_logmel(waveform[0])),
                                 ("dcase2020-baseline", "dcase2020_baseline.npy", dcase2020_logmel(waveform[0].numpy()))):
        np.save(os.path.join(OUT, file), np.ascontiguousarray(golden))
        manifest["goldens"].append({"preset": preset, "golden": file, "shape": list(golden.shape)})
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
