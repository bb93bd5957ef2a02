"""Golden values for AnomalyLab.Training and AnomalyLab.Models from PyTorch (Debian python3-torch 1.13.1).

Run with Debian's Python: /usr/bin/python3 tests/goldens/training_goldens.py
Writes tests/AnomalyLab.Tests/Goldens/training/:
  schedules.json             learning rates from torch.optim.lr_scheduler (CosineAnnealingLR, StepLR) per optimiser step
  <net>.json                 manifest: options, state-dict names/shapes/offsets, losses (and anything scalar)
  <net>_state.npy            flat float32 state dict (weights and buffers) the C# test loads into our module, in manifest order
  <net>_input.npy            the fixed tiny batch
  <net>_output.npy           eval-mode forward pass
  <net>_grads.npy            gradients of the training loss w.r.t. every parameter after one backward (manifest order)
  <net>_after.npy            (dense, vqvae2) buffers after the one training-mode forward (BatchNorm running stats, EMA codebooks)
Networks (written here from the papers / reference code, not from our C#):
  dense  DCASE 2020 Task 2 baseline autoencoder (Linear + BatchNorm1d + ReLU, linear output), loss MSE, training mode.
  vae    convolutional VAE; loss = MSE + kl_weight * KL(N(mu, exp(logvar)) || N(0, I)) summed over latents, mean over the
         batch, divided by the input pixels; evaluated with z = mu (eval mode) so no random draw is involved.
  vqvae2 two-level VQ-VAE as in DSR's DiscreteLatentModel with Sonnet/DSR VectorQuantizerEMA (EMA cluster sizes with
         Laplace smoothing, EMA of assigned sums, codebook = ema_w / cluster size; commitment loss on the pre-update
         codewords), loss = MSE + commitment losses of both levels, training mode (one EMA update).
"""
import json
import math
import os
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "AnomalyLab.Tests", "Goldens", "training")
os.makedirs(OUT, exist_ok=True)
torch.set_num_threads(1)


def schedules():
    base, total = 2e-4, 23
    result = {"torch": torch.__version__, "base": base, "total_steps": total}
    p = [torch.nn.Parameter(torch.zeros(1))]
    opt = torch.optim.Adam(p, lr=base)
    # Our cosine: base -> base * min_factor over steps 0 .. total - 1.
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - 1, eta_min=base * 0.01)
    rates = []
    for _ in range(total):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    result["cosine"] = rates
    opt = torch.optim.Adam(p, lr=base)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10, gamma=0.5)
    per_epoch = []
    for _ in range(35):
        per_epoch.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    result["step_decay_per_epoch"] = per_epoch
    with open(os.path.join(OUT, "schedules.json"), "w") as f:
        json.dump(result, f, indent=1)


class DenseAutoencoder(nn.Module):
    def __init__(self, n_mels, context, hidden, layers, bottleneck):
        super().__init__()
        widths = [n_mels * context] + [hidden] * layers + [bottleneck] + [hidden] * layers
        modules = OrderedDict()
        for i in range(1, len(widths)):
            modules[f"dense{i}"] = nn.Linear(widths[i - 1], widths[i])
            modules[f"norm{i}"] = nn.BatchNorm1d(widths[i])
            modules[f"relu{i}"] = nn.ReLU()
        modules["output"] = nn.Linear(widths[-1], n_mels * context)
        self.layers = nn.Sequential(modules)

    def forward(self, x):
        return self.layers(x)


class ConvVae(nn.Module):
    def __init__(self, in_ch, h, w, channels, latent, clip):
        super().__init__()
        self.clip = clip
        enc = OrderedDict()
        c = in_ch
        for i, ch in enumerate(channels):
            enc[f"conv{i}"] = nn.Conv2d(c, ch, 4, 2, 1)
            enc[f"relu{i}"] = nn.ReLU()
            c = ch
        enc["flatten"] = nn.Flatten()
        self.encoder = nn.Sequential(enc)
        gh, gw = h >> len(channels), w >> len(channels)
        flat = channels[-1] * gh * gw
        self.mean_head = nn.Linear(flat, latent)
        self.log_variance_head = nn.Linear(flat, latent)
        self.decoder_input = nn.Linear(latent, flat)
        dec = OrderedDict([("unflatten", nn.Unflatten(1, (channels[-1], gh, gw))), ("relu_in", nn.ReLU())])
        for i in range(len(channels) - 1, -1, -1):
            out = in_ch if i == 0 else channels[i - 1]
            dec[f"deconv{i}"] = nn.ConvTranspose2d(channels[i], out, 4, 2, 1)
            if i > 0:
                dec[f"relu_out{i}"] = nn.ReLU()
        self.decoder = nn.Sequential(dec)

    def run(self, x):
        feat = self.encoder(x)
        mu = self.mean_head(feat)
        logvar = self.log_variance_head(feat).clamp(-self.clip, self.clip)
        z = mu  # eval mode
        return self.decoder(self.decoder_input(z)), mu, logvar


class ResidualBlock(nn.Module):
    def __init__(self, ch, hidden):
        super().__init__()
        self.conv3 = nn.Conv2d(ch, hidden, 3, 1, 1, bias=False)
        self.conv1 = nn.Conv2d(hidden, ch, 1, 1, bias=False)

    def forward(self, x):
        return x + self.conv1(F.relu(self.conv3(F.relu(x))))


class ResidualStack(nn.Module):
    def __init__(self, ch, layers, hidden):
        super().__init__()
        self.blocks = nn.ModuleList([ResidualBlock(ch, hidden) for _ in range(layers)])

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return F.relu(x)


class BottomEncoder(nn.Module):
    def __init__(self, in_ch, h, layers, rh):
        super().__init__()
        self.down1 = nn.Conv2d(in_ch, h // 2, 4, 2, 1)
        self.down2 = nn.Conv2d(h // 2, h, 4, 2, 1)
        self.conv = nn.Conv2d(h, h, 3, 1, 1)
        self.residual = ResidualStack(h, layers, rh)

    def forward(self, x):
        return self.residual(self.conv(F.relu(self.down2(F.relu(self.down1(x))))))


class TopEncoder(nn.Module):
    def __init__(self, h, layers, rh):
        super().__init__()
        self.down = nn.Conv2d(h, h, 4, 2, 1)
        self.conv = nn.Conv2d(h, h, 3, 1, 1)
        self.residual = ResidualStack(h, layers, rh)

    def forward(self, x):
        return self.residual(F.relu(self.conv(F.relu(self.down(x)))))


class Decoder(nn.Module):
    def __init__(self, in_ch, h, d, layers, rh):
        super().__init__()
        self.conv = nn.Conv2d(2 * d, h, 3, 1, 1)
        self.residual = ResidualStack(h, layers, rh)
        self.up1 = nn.ConvTranspose2d(h, h // 2, 4, 2, 1)
        self.up2 = nn.ConvTranspose2d(h // 2, in_ch, 4, 2, 1)

    def forward(self, x):
        return self.up2(F.relu(self.up1(self.residual(self.conv(x)))))


class VectorQuantizerEMA(nn.Module):
    """DSR's VectorQuantizerEMA (after Sonnet), with the codebook, EMA sums and cluster sizes as buffers."""

    def __init__(self, num_embeddings, dim, commitment_cost, decay, epsilon):
        super().__init__()
        self.k, self.d, self.beta, self.decay, self.eps = num_embeddings, dim, commitment_cost, decay, epsilon
        self.register_buffer("embedding", torch.randn(num_embeddings, dim))
        self.register_buffer("ema_cluster_size", torch.zeros(num_embeddings))
        self.register_buffer("ema_w", self.embedding.clone())

    def forward(self, inputs):
        inputs = inputs.permute(0, 2, 3, 1).contiguous()
        shape = inputs.shape
        flat = inputs.view(-1, self.d)
        distances = (flat ** 2).sum(1, keepdim=True) + (self.embedding ** 2).sum(1) - 2 * flat @ self.embedding.t()
        idx = distances.argmin(1)
        encodings = F.one_hot(idx, self.k).float()
        quantized = (encodings @ self.embedding).view(shape)
        if self.training:
            with torch.no_grad():
                self.ema_cluster_size.copy_(self.ema_cluster_size * self.decay + (1 - self.decay) * encodings.sum(0))
                n = self.ema_cluster_size.sum()
                self.ema_cluster_size.copy_((self.ema_cluster_size + self.eps) / (n + self.k * self.eps) * n)
                dw = encodings.t() @ flat
                self.ema_w.copy_(self.ema_w * self.decay + (1 - self.decay) * dw)
                self.embedding.copy_(self.ema_w / self.ema_cluster_size.unsqueeze(1))
        loss = self.beta * F.mse_loss(quantized.detach(), inputs)
        quantized = inputs + (quantized - inputs).detach()
        avg = encodings.mean(0)
        perplexity = torch.exp(-torch.sum(avg * torch.log(avg + 1e-10)))
        return quantized.permute(0, 3, 1, 2).contiguous(), loss, perplexity


class VqVae2(nn.Module):
    def __init__(self, o):
        super().__init__()
        h, d = o["num_hiddens"], o["embedding_dim"]
        self.encoder_b = BottomEncoder(o["input_channels"], h, o["num_residual_layers"], o["num_residual_hiddens"])
        self.encoder_t = TopEncoder(h, o["num_residual_layers"], o["num_residual_hiddens"])
        self.pre_vq_top = nn.Conv2d(h, d, 1, 1)
        self.pre_vq_bottom = nn.Conv2d(h + d, d, 1, 1)
        self.vq_top = VectorQuantizerEMA(o["num_embeddings_top"], d, o["commitment_cost"], o["decay"], o["epsilon"])
        self.vq_bottom = VectorQuantizerEMA(o["num_embeddings_bottom"], d, o["commitment_cost"], o["decay"], o["epsilon"])
        self.upsample_t = nn.ConvTranspose2d(d, d, 4, 2, 1)
        self.decoder = Decoder(o["input_channels"], h, d, o["num_residual_layers"], o["num_residual_hiddens"])

    def run(self, x):
        eb = self.encoder_b(x)
        qt, lt, pt = self.vq_top(self.pre_vq_top(self.encoder_t(eb)))
        up = self.upsample_t(qt)
        qb, lb, pb = self.vq_bottom(self.pre_vq_bottom(torch.cat([eb, up], 1)))
        return self.decoder(torch.cat([up, qb], 1)), lb, lt, pb, pt


def save_network(name, module, options, x, losses_fn, buffers_after_train):
    """Writes state, input, eval output, one-step gradients and (for training-mode forwards) the buffers after it."""
    state = OrderedDict((k, v.detach().clone()) for k, v in module.state_dict().items())
    entries, flat, offset = [], [], 0
    for k, v in state.items():
        entries.append({"name": k, "shape": list(v.shape), "offset": offset, "kind": "int64" if v.dtype == torch.int64 else "float32"})
        flat.append(v.double().reshape(-1).numpy())
        offset += v.numel()
    np.save(os.path.join(OUT, f"{name}_state.npy"), np.concatenate(flat).astype(np.float32))
    np.save(os.path.join(OUT, f"{name}_input.npy"), x.numpy().astype(np.float32))

    losses, output = losses_fn(module, x)
    np.save(os.path.join(OUT, f"{name}_output.npy"), output.detach().numpy().astype(np.float32))
    params = [(k, p) for k, p in module.named_parameters()]
    grads = np.concatenate([p.grad.detach().reshape(-1).numpy() for _, p in params]).astype(np.float32)
    np.save(os.path.join(OUT, f"{name}_grads.npy"), grads)
    after = [(k, v) for k, v in module.state_dict().items() if k in buffers_after_train]
    if after:
        np.save(os.path.join(OUT, f"{name}_after.npy"), np.concatenate([v.double().reshape(-1).numpy() for _, v in after]).astype(np.float32))
    manifest = {
        "torch": torch.__version__, "options": options, "state": entries,
        "parameters": [{"name": k, "shape": list(p.shape)} for k, p in params],
        "after": [{"name": k, "shape": list(v.shape)} for k, v in after],
        "losses": {k: float(v) for k, v in losses.items()},
    }
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(manifest, f, indent=1)


def dense():
    o = {"n_mels": 4, "context_frames": 2, "hidden_dim": 6, "hidden_layers": 2, "bottleneck_dim": 3}
    torch.manual_seed(11)
    net = DenseAutoencoder(o["n_mels"], o["context_frames"], o["hidden_dim"], o["hidden_layers"], o["bottleneck_dim"])
    x = torch.from_numpy(np.random.default_rng(11).normal(0, 1, (5, 8)).astype(np.float32))

    def losses(m, x):
        m.eval()
        with torch.no_grad():
            out = m(x)
        m.train()
        loss = F.mse_loss(m(x), x)
        loss.backward()
        return {"total": loss.item(), "recon": loss.item()}, out

    save_network("dense", net, o, x, losses, {k for k in net.state_dict() if "running" in k or "num_batches" in k})


def vae():
    o = {"input_channels": 1, "input_height": 8, "input_width": 8, "channels": [2, 4], "latent_dim": 3, "log_variance_clip": 10.0, "kl_weight": 0.5}
    torch.manual_seed(12)
    net = ConvVae(1, 8, 8, o["channels"], o["latent_dim"], o["log_variance_clip"])
    x = torch.from_numpy(np.random.default_rng(12).normal(0, 1, (3, 1, 8, 8)).astype(np.float32))

    def losses(m, x):
        m.eval()
        recon, mu, logvar = m.run(x)
        mse = F.mse_loss(recon, x)
        pixels = x[0].numel()
        kl = (-0.5 * (1 + logvar - mu ** 2 - logvar.exp())).sum(1).mean() / pixels
        total = mse + o["kl_weight"] * kl
        total.backward()
        return {"total": total.item(), "recon": mse.item(), "kl": kl.item()}, recon

    save_network("vae", net, o, x, losses, set())


def vqvae2():
    o = {"input_channels": 1, "input_height": 16, "input_width": 16, "num_hiddens": 8, "num_residual_layers": 1, "num_residual_hiddens": 4,
         "num_embeddings_bottom": 8, "num_embeddings_top": 6, "embedding_dim": 4, "commitment_cost": 0.25, "decay": 0.9, "epsilon": 1e-5}
    torch.manual_seed(13)
    net = VqVae2(o)
    x = torch.from_numpy(np.random.default_rng(13).normal(0, 1, (2, 1, 16, 16)).astype(np.float32))
    # Codewords drawn from the latents themselves (plus noise) and non-zero EMA cluster sizes, so that several codes are
    # used and the update of every buffer shows the decay.
    gen = torch.Generator().manual_seed(14)
    with torch.no_grad():
        eb = net.encoder_b(x)
        for vq, latent in ((net.vq_top, lambda: net.pre_vq_top(net.encoder_t(eb))),
                           (net.vq_bottom, lambda: net.pre_vq_bottom(torch.cat([eb, net.upsample_t(net.vq_top.eval()(net.pre_vq_top(net.encoder_t(eb)))[0])], 1)))):
            flat = latent().permute(0, 2, 3, 1).reshape(-1, o["embedding_dim"])
            pick = torch.randperm(flat.shape[0], generator=gen)[: vq.k]
            vq.embedding.copy_(flat[pick] + 0.05 * torch.randn(vq.k, o["embedding_dim"], generator=gen))
            vq.ema_w.copy_(vq.embedding * 2.0)
            vq.ema_cluster_size.copy_(torch.full((vq.k,), 2.0))

    def losses(m, x):
        m.eval()
        with torch.no_grad():
            out = m.run(x)[0]
        m.train()
        recon, lb, lt, pb, pt = m.run(x)
        mse = F.mse_loss(recon, x)
        total = mse + lb + lt
        total.backward()
        return {"total": total.item(), "recon": mse.item(), "vq": (lb + lt).item(), "vq_bottom": lb.item(), "vq_top": lt.item(),
                "perplexity_b": pb.item(), "perplexity_t": pt.item()}, out

    save_network("vqvae2", net, o, x, losses, {k for k in net.state_dict() if k.startswith("vq_")})


if __name__ == "__main__":
    schedules()
    dense()
    vae()
    vqvae2()
