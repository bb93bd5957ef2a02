#!/usr/bin/python3
"""Golden PyTorch Stage-1 checkpoints (semcom-sDSR ``VQ_VAE_2Layer`` layout) for AnomalyLab's import/export tests.

Run with Debian's Python (torch 1.13, torchaudio 0.13, numpy 1.24):
    /usr/bin/python3 tests/goldens/vqvae2_pytorch_goldens.py            # writes the goldens
    /usr/bin/python3 tests/goldens/vqvae2_pytorch_goldens.py --verify-export FILE.pt|FILE.safetensors [--tiny]
        # loads a state dict written by `anomalylab model export` strictly into the PyTorch class below and compares
        # its eval-mode reconstruction and codes with the goldens (max |diff| <= 1e-5, codes identical)

The network below is our own re-statement of the module layout of ``VQ_VAE_2Layer`` in raidantimosquitos/semcom-sDSR
(commit 65dfd9d, src/models/vq_vae/*.py), written from reading that code; only the attribute names are the same,
because they are the checkpoint's key names. Layout (h = num_hiddens, r = num_residual_hiddens, D = embedding_dim):

  residual block   x + conv1x1(relu(conv3x3(relu(x))))   (both without bias; keys _block.1 and _block.3)
  residual stack   blocks, then relu                      (keys _layers.<i>)
  _encoder_bot     conv 4x4/2 (1 -> h/2), relu, conv 4x4/2 (-> h), relu, conv 3x3, stack        [B, h, H/4, W/4]
  _encoder_top     conv 4x4/2, relu, conv 3x3, relu, stack                                      [B, h, H/8, W/8]
  _pre_vq_conv_top 1x1 h -> D ; _vq_top (EMA, K_top codes)
  _decoder_top     conv 3x3 D -> h, stack, convT 4x4/2 h -> h                                   [B, h, H/4, W/4]
  _pre_vq_conv_bot 1x1 (h + h) -> D over cat(enc_bot, decoded_top) ; _vq_bot (EMA, K_bot codes)
  _decoder_bot     cat(bilinear(q_top -> H/4 x W/4, align_corners=False), q_bot) -> conv 3x3 (2D -> h), stack,
                   convT 4x4/2 (h -> h/2), relu, convT 4x4/2 (h/2 -> 1)                         [B, 1, H, W]
  EMA quantiser    _embedding (nn.Embedding K x D), _ema_w (Parameter K x D), _ema_cluster_size (buffer K)

Data: real slider clips from ../shared/data (never copied into the repository). Log-mel as torchaudio computes it
(16 kHz, n_fft 1024, hop 512, 128 mels, power 2, HTK scale, no norm), 10*log10(max(x, 1e-10)), first 320 frames with the
last frame repeated (10 s clips have 313), standardised with the mean and standard deviation of the training windows
(the seed standardises log-mels before Stage 1). Training: a few Adam steps (lr 2e-4) in train mode so the EMA
codebooks move, seed 0; the codebooks are then re-initialised from encoder outputs (k-means-like: random latents) so
that many codes are in use, then a few more steps.

Writes tests/AnomalyLab.Tests/Goldens/vqvae2_pytorch/:
  seed_stage1_best.pt   payload dict as the seed's _save_checkpoint writes it (model_state_dict, optim_state_dict,
                        scaler_state_dict, epoch, loss), seed architecture (3,547,393 values, 46 entries); the optimiser
                        is plain SGD so the file stays ~14 MB (Adam's per-parameter state is exercised by the tiny one)
  tiny_stage1.pt        the same payload for a tiny variant (h 16, 1 residual layer, r 8, K (32, 64), D 16) with Adam state
  tiny_state_dict.pt    the tiny model's bare state dict (torch.save(model.state_dict()))
  tiny.safetensors      the tiny model's state dict as safetensors (written by hand: 8-byte header length + JSON + data)
  inputs.npy            float32 [4, 1, 128, 320] standardised log-mels of 4 held-out clips
  seed_recon.npy, seed_codes_bottom.npy [4, 32, 80], seed_codes_top.npy [4, 16, 40] (int64), and tiny_* the same
  manifest.json
"""
import argparse
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("ANOMALYLAB_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
OUT = os.path.join(REPO, "tests", "AnomalyLab.Tests", "Goldens", "vqvae2_pytorch")
CLIPS = os.path.join(SHARED, "dcase2020-task2-dev-sample", "slider")
FRAMES = 320

SEED = dict(num_hiddens=128, num_residual_layers=2, num_residual_hiddens=64, num_embeddings=(1024, 4096), embedding_dim=128)
TINY = dict(num_hiddens=16, num_residual_layers=1, num_residual_hiddens=8, num_embeddings=(32, 64), embedding_dim=16)


class ResBlock(nn.Module):
    def __init__(self, channels, hidden):
        super().__init__()
        # Plain (not in-place) ReLUs as in the seed's res_blocks_2d.py: the skip path keeps x unrectified. (Older
        # VQ-VAE code uses nn.ReLU(inplace=True) here, which would rectify x itself; that variant cannot be trained
        # behind a ReLU output, as _encoder_top's stack is, so the seed cannot be using it.)
        self._block = nn.Sequential(nn.ReLU(), nn.Conv2d(channels, hidden, 3, 1, 1, bias=False),
                                    nn.ReLU(), nn.Conv2d(hidden, channels, 1, 1, bias=False))

    def forward(self, x):
        return x + self._block(x)


class ResStack(nn.Module):
    def __init__(self, channels, layers, hidden):
        super().__init__()
        self._layers = nn.ModuleList([ResBlock(channels, hidden) for _ in range(layers)])

    def forward(self, x):
        for layer in self._layers:
            x = layer(x)
        return F.relu(x)


class BottomEncoder(nn.Module):
    def __init__(self, h, layers, r):
        super().__init__()
        self._conv1 = nn.Conv2d(1, h // 2, 4, 2, 1)
        self._conv2 = nn.Conv2d(h // 2, h, 4, 2, 1)
        self._conv3 = nn.Conv2d(h, h, 3, 1, 1)
        self._residual = ResStack(h, layers, r)

    def forward(self, x):
        return self._residual(self._conv3(F.relu(self._conv2(F.relu(self._conv1(x))))))


class TopEncoder(nn.Module):
    def __init__(self, h, layers, r):
        super().__init__()
        self._conv1 = nn.Conv2d(h, h, 4, 2, 1)
        self._conv2 = nn.Conv2d(h, h, 3, 1, 1)
        self._residual = ResStack(h, layers, r)

    def forward(self, x):
        return self._residual(F.relu(self._conv2(F.relu(self._conv1(x)))))


class TopDecoder(nn.Module):
    def __init__(self, d, h, layers, r):
        super().__init__()
        self._conv = nn.Conv2d(d, h, 3, 1, 1)
        self._residual = ResStack(h, layers, r)
        self._conv_trans = nn.ConvTranspose2d(h, h, 4, 2, 1)

    def forward(self, x):
        return self._conv_trans(self._residual(self._conv(x)))


class BottomDecoder(nn.Module):
    def __init__(self, d2, h, layers, r):
        super().__init__()
        self._conv = nn.Conv2d(d2, h, 3, 1, 1)
        self._residual = ResStack(h, layers, r)
        self._conv_trans1 = nn.ConvTranspose2d(h, h // 2, 4, 2, 1)
        self._conv_trans2 = nn.ConvTranspose2d(h // 2, 1, 4, 2, 1)

    def forward(self, x):
        return self._conv_trans2(F.relu(self._conv_trans1(self._residual(self._conv(x)))))


class EmaQuantizer(nn.Module):
    def __init__(self, k, d, commitment=0.25, decay=0.99, eps=1e-5):
        super().__init__()
        self.k, self.d, self.commitment, self.decay, self.eps = k, d, commitment, decay, eps
        self._embedding = nn.Embedding(k, d)
        self._embedding.weight.data.normal_()
        self.register_buffer("_ema_cluster_size", torch.zeros(k))
        self._ema_w = nn.Parameter(torch.randn(k, d))

    def indices(self, z):
        flat = z.permute(0, 2, 3, 1).reshape(-1, self.d)
        e = self._embedding.weight
        dist = flat.pow(2).sum(1, keepdim=True) + e.pow(2).sum(1) - 2 * flat @ e.t()
        return dist.argmin(1), flat

    def forward(self, z):
        idx, flat = self.indices(z)
        one_hot = F.one_hot(idx, self.k).float()
        q = (one_hot @ self._embedding.weight).view(z.shape[0], z.shape[2], z.shape[3], self.d)
        if self.training:
            with torch.no_grad():
                self._ema_cluster_size.mul_(self.decay).add_(one_hot.sum(0), alpha=1 - self.decay)
                n = self._ema_cluster_size.sum()
                self._ema_cluster_size.data = (self._ema_cluster_size + self.eps) / (n + self.k * self.eps) * n
                self._ema_w.data.mul_(self.decay).add_(one_hot.t() @ flat, alpha=1 - self.decay)
                self._embedding.weight.data.copy_(self._ema_w / self._ema_cluster_size.unsqueeze(1))
        z_last = z.permute(0, 2, 3, 1)
        loss = self.commitment * F.mse_loss(q.detach(), z_last)
        q = z_last + (q - z_last).detach()
        return loss, q.permute(0, 3, 1, 2).contiguous(), idx.view(z.shape[0], z.shape[2], z.shape[3])


class Stage1(nn.Module):
    """Our re-statement of VQ_VAE_2Layer(num_hiddens, num_residual_layers, num_residual_hiddens, (K_top, K_bot), D)."""

    def __init__(self, num_hiddens, num_residual_layers, num_residual_hiddens, num_embeddings, embedding_dim):
        super().__init__()
        h, n, r, d = num_hiddens, num_residual_layers, num_residual_hiddens, embedding_dim
        k_top, k_bot = num_embeddings
        self._encoder_bot = BottomEncoder(h, n, r)
        self._encoder_top = TopEncoder(h, n, r)
        self._pre_vq_conv_top = nn.Conv2d(h, d, 1, 1)
        self._pre_vq_conv_bot = nn.Conv2d(h + h, d, 1, 1)
        self._vq_top = EmaQuantizer(k_top, d)
        self._vq_bot = EmaQuantizer(k_bot, d)
        self._decoder_top = TopDecoder(d, h, n, r)
        self._decoder_bot = BottomDecoder(2 * d, h, n, r)

    def latents(self, x):
        enc_bot = self._encoder_bot(x)
        z_top = self._pre_vq_conv_top(self._encoder_top(enc_bot))
        loss_top, q_top, idx_top = self._vq_top(z_top)
        z_bot = self._pre_vq_conv_bot(torch.cat([enc_bot, self._decoder_top(q_top)], 1))
        loss_bot, q_bot, idx_bot = self._vq_bot(z_bot)
        return z_top, z_bot, q_top, q_bot, idx_top, idx_bot, loss_top + loss_bot

    def decode_general(self, q_bot, q_top):
        up = F.interpolate(q_top, size=q_bot.shape[-2:], mode="bilinear", align_corners=False)
        return self._decoder_bot(torch.cat([up, q_bot], 1))

    def forward(self, x):
        _, _, q_top, q_bot, _, _, vq_loss = self.latents(x)
        return self.decode_general(q_bot, q_top), vq_loss


def log_mel(path):
    wave, sr = torchaudio.load(path)
    mel = torchaudio.transforms.MelSpectrogram(sample_rate=sr, n_fft=1024, hop_length=512, n_mels=128, power=2.0)(wave[0])
    db = 10 * torch.log10(torch.clamp(mel, min=1e-10))
    if db.shape[1] < FRAMES:
        db = torch.cat([db, db[:, -1:].repeat(1, FRAMES - db.shape[1])], 1)
    return db[:, :FRAMES]


def load_windows():
    train_dir, test_dir = os.path.join(CLIPS, "train"), os.path.join(CLIPS, "test")
    train = sorted(f for f in os.listdir(train_dir) if f.endswith(".wav"))[:24]
    test = sorted(f for f in os.listdir(test_dir) if f.endswith(".wav"))
    held_out = [t for t in test if t.startswith("normal")][:2] + [t for t in test if t.startswith("anomaly")][:2]
    x_train = torch.stack([log_mel(os.path.join(train_dir, f)) for f in train]).unsqueeze(1)
    x_test = torch.stack([log_mel(os.path.join(test_dir, f)) for f in held_out]).unsqueeze(1)
    mean, std = x_train.mean(), x_train.std()
    return (x_train - mean) / std, (x_test - mean) / std, train, held_out, float(mean), float(std)


def train(model, x, steps, optimizer, batch=4):
    g = torch.Generator().manual_seed(1)
    model.train()
    last = 0.0
    for step in range(steps):
        idx = torch.randperm(x.shape[0], generator=g)[:batch]
        recon, vq_loss = model(x[idx])
        loss = F.mse_loss(recon, x[idx]) + vq_loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        last = float(loss)
    return last


def reseed_codebooks(model, x):
    # Put the codewords on actual latents so that many codes are in use (what k-means init does in later seed versions).
    g = torch.Generator().manual_seed(2)
    model.eval()
    with torch.no_grad():
        z_top, z_bot, *_ = model.latents(x)
        for vq, z in ((model._vq_top, z_top), (model._vq_bot, z_bot)):
            flat = z.permute(0, 2, 3, 1).reshape(-1, vq.d)
            pick = torch.randint(0, flat.shape[0], (vq.k,), generator=g)
            vq._embedding.weight.data.copy_(flat[pick] + 1e-3 * torch.randn(vq.k, vq.d, generator=g))
            vq._ema_w.data.copy_(vq._embedding.weight.data)
            vq._ema_cluster_size.fill_(1.0)


def reference_outputs(model, x):
    model.eval()
    with torch.no_grad():
        _, _, q_top, q_bot, idx_top, idx_bot, _ = model.latents(x)
        return model.decode_general(q_bot, q_top).numpy(), idx_bot.numpy().astype(np.int64), idx_top.numpy().astype(np.int64)


def write_safetensors(path, state_dict):
    header, blobs, offset = {}, [], 0
    for name, tensor in state_dict.items():
        data = tensor.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def save_payload(path, model, optimizer, epoch, loss):
    # The seed's Stage1Trainer._save_checkpoint layout.
    torch.save({"model_state_dict": model.state_dict(), "optim_state_dict": optimizer.state_dict(),
                "scaler_state_dict": {}, "epoch": epoch, "loss": loss}, path)


def build(config, x_train, x_test, optimizer_kind, steps):
    torch.manual_seed(0)
    model = Stage1(**config)
    make = (lambda p: torch.optim.Adam(p, lr=2e-4)) if optimizer_kind == "adam" else (lambda p: torch.optim.SGD(p, lr=1e-3))
    optimizer = make(model.parameters())
    train(model, x_train, steps, optimizer)
    reseed_codebooks(model, x_train)
    loss = train(model, x_train, steps, optimizer)
    return model, optimizer, loss


def usage(codes):
    return int(len(np.unique(codes)))


def verify_export(path, tiny):
    # Same thread count as the goldens: with 1 thread PyTorch itself flips one near-tie top code of the seed golden
    # (max |diff| 4.1e-4 against its own 2-thread output), so the comparison must use the goldens' reduction order.
    torch.set_num_threads(2)
    config = TINY if tiny else SEED
    prefix = "tiny" if tiny else "seed"
    model = Stage1(**config)
    if path.endswith(".safetensors"):
        with open(path, "rb") as f:
            n = struct.unpack("<Q", f.read(8))[0]
            header = json.loads(f.read(n))
            data = f.read()
        state = {}
        for name, spec in header.items():
            if name == "__metadata__":
                continue
            assert spec["dtype"] == "F32", spec
            b, e = spec["data_offsets"]
            state[name] = torch.from_numpy(np.frombuffer(data[b:e], dtype="<f4").reshape(spec["shape"]).copy())
    else:
        state = torch.load(path, map_location="cpu")
        if "model_state_dict" in state:
            state = state["model_state_dict"]
    model.load_state_dict(state, strict=True)
    x = torch.from_numpy(np.load(os.path.join(OUT, "inputs.npy")))
    recon, bottom, top = reference_outputs(model, x)
    gold = np.load(os.path.join(OUT, f"{prefix}_recon.npy"))
    diff = float(np.abs(recon - gold).max())
    same_b = float((bottom == np.load(os.path.join(OUT, f"{prefix}_codes_bottom.npy"))).mean())
    same_t = float((top == np.load(os.path.join(OUT, f"{prefix}_codes_top.npy"))).mean())
    print(json.dumps({"file": path, "strict_load": True, "max_abs_diff": diff, "codes_bottom_agree": same_b,
                      "codes_top_agree": same_t}))
    if diff > 1e-5 or same_b < 1 or same_t < 1:
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verify-export")
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args()
    if args.verify_export:
        verify_export(args.verify_export, args.tiny)
        return
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    x_train, x_test, train_names, test_names, mean, std = load_windows()
    np.save(os.path.join(OUT, "inputs.npy"), x_test.numpy().astype(np.float32))
    manifest = {"inputs": test_names, "train_clips": len(train_names), "standardisation": {"mean": mean, "std": std},
                "torch": torch.__version__, "torchaudio": torchaudio.__version__, "models": {}}
    for prefix, config, optimizer_kind, steps in (("seed", SEED, "sgd", 6), ("tiny", TINY, "adam", 20)):
        model, optimizer, loss = build(config, x_train, x_test, optimizer_kind, steps)
        name = "seed_stage1_best.pt" if prefix == "seed" else "tiny_stage1.pt"
        save_payload(os.path.join(OUT, name), model, optimizer, steps * 2, loss)
        if prefix == "tiny":
            torch.save(model.state_dict(), os.path.join(OUT, "tiny_state_dict.pt"))
            write_safetensors(os.path.join(OUT, "tiny.safetensors"), model.state_dict())
        recon, bottom, top = reference_outputs(model, x_test)
        np.save(os.path.join(OUT, f"{prefix}_recon.npy"), recon.astype(np.float32))
        np.save(os.path.join(OUT, f"{prefix}_codes_bottom.npy"), bottom)
        np.save(os.path.join(OUT, f"{prefix}_codes_top.npy"), top)
        state = model.state_dict()
        manifest["models"][prefix] = {
            "config": {k: list(v) if isinstance(v, tuple) else v for k, v in config.items()},
            "state_dict_entries": len(state), "values": int(sum(t.numel() for t in state.values())),
            "optimizer": optimizer_kind, "steps": steps * 2, "final_loss": loss,
            "codes_used_bottom": usage(bottom), "codes_used_top": usage(top),
            "recon_mse_vs_input": float(((recon - x_test.numpy()) ** 2).mean()),
        }
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
