#!/usr/bin/python3
"""torchaudio reference throughput for AnomalyLab's log-mel benchmark.

    /usr/bin/python3 tests/AnomalyLab.Benchmarks/reference/torchaudio_logmel_throughput.py [repeats]

Same clips and loop as `dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- throughput`: the 155 DCASE 2020
slider clips (train then test, sorted by name) from ../shared/data (or $ANOMALYLAB_SHARED_DATA); per clip
torchaudio.load + MelSpectrogram(16000, n_fft=1024, hop_length=512, n_mels=128, f_max=8000) + AmplitudeToDB(top_db=80);
torch.set_num_threads(2) (this machine's cores); one warm-up pass, then clips/s per repeat, the median and best, and process CPU time per clip (less sensitive
to other load on a shared machine than wall-clock time). Pass a second argument to override the thread count.
"""
import os
import sys
import time

import torch
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("ANOMALYLAB_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))


def clips():
    root = os.path.join(SHARED, "dcase2020-task2-dev-sample", "slider")
    return [os.path.join(root, split, name) for split in ("train", "test")
            for name in sorted(os.listdir(os.path.join(root, split))) if name.endswith(".wav")]


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    files = clips()
    mel = torchaudio.transforms.MelSpectrogram(16000, n_fft=1024, hop_length=512, n_mels=128, f_max=8000)
    to_db = torchaudio.transforms.AmplitudeToDB(top_db=80)

    def run():
        out = []
        with torch.inference_mode():
            for path in files:
                waveform, _ = torchaudio.load(path)
                out.append(to_db(mel(waveform[0])))
        return out

    run()  # warm-up
    rates = []
    cpu_before = time.process_time()
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        rates.append(len(files) / (time.perf_counter() - start))
    cpu_per_clip = 1000 * (time.process_time() - cpu_before) / (repeats * len(files))
    rates.sort()
    print(f"torchaudio {torchaudio.__version__} (torch {torch.__version__}, {torch.get_num_threads()} threads): {len(files)} clips, "
          f"clips/s per repeat [{', '.join(f'{r:.1f}' for r in rates)}], median {rates[len(rates) // 2]:.1f}, best {rates[-1]:.1f}; CPU time {cpu_per_clip:.2f} ms/clip")


if __name__ == "__main__":
    main()
