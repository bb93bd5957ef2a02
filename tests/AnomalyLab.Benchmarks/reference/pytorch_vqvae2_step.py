#!/usr/bin/python3
"""PyTorch reference for the VQ-VAE-2 training-step benchmark (ModelBenchmarks.cs).

The same network as src/AnomalyLab/Models/VqVae2 (DSR's two-level VQ-VAE with EMA codebooks, same EMA update via
bincount/index_add), the same step (MSE + commitment losses, Adam 2e-4), batch 8 of 1x128x320, two threads.
Run with Debian's torch:  /usr/bin/python3 pytorch_vqvae2_step.py [--reps 10] [--warmup 2]
Prints one JSON line: per-step seconds (median, mean, min) and the settings.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, channels, hidden):
        super().__init__()
        self.conv3 = nn.Conv2d(channels, hidden, 3, 1, 1, bias=False)
        self.conv1 = nn.Conv2d(hidden, channels, 1, 1, bias=False)

    def forward(self, x):
        return x + self.conv1(F.relu(self.conv3(F.relu(x))))


class ResidualStack(nn.Module):
    def __init__(self, channels, layers, hidden):
        super().__init__()
        self.blocks = nn.ModuleList([ResidualBlock(channels, hidden) for _ in range(layers)])

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return F.relu(x)


class EmaQuantizer(nn.Module):
    def __init__(self, k, d, commitment=0.25, decay=0.99, eps=1e-5):
        super().__init__()
        self.k, self.d, self.commitment, self.decay, self.eps = k, d, commitment, decay, eps
        self.register_buffer("embedding", torch.randn(k, d))
        self.register_buffer("ema_w", self.embedding.clone())
        self.register_buffer("ema_cluster_size", torch.zeros(k))

    def forward(self, x):
        b, _, h, w = x.shape
        cl = x.permute(0, 2, 3, 1).contiguous()
        flat = cl.view(-1, self.d)
        with torch.no_grad():
            dist = torch.addmm(flat.pow(2).sum(1, keepdim=True) + self.embedding.pow(2).sum(1), flat, self.embedding.t(), beta=1, alpha=-2)
            idx = dist.argmin(1)
        q_flat = self.embedding.index_select(0, idx)
        counts = torch.bincount(idx, minlength=self.k).to(flat.dtype)
        if self.training:
            with torch.no_grad():
                self.ema_cluster_size.mul_(self.decay).add_(counts, alpha=1 - self.decay)
                n = self.ema_cluster_size.sum()
                self.ema_cluster_size.copy_((self.ema_cluster_size + self.eps) / (n + self.k * self.eps) * n)
                sums = torch.zeros_like(self.ema_w).index_add_(0, idx, flat.detach())
                self.ema_w.mul_(self.decay).add_(sums, alpha=1 - self.decay)
                self.embedding.copy_(self.ema_w / self.ema_cluster_size.unsqueeze(1))
        q = q_flat.view(b, h, w, self.d)
        loss = F.mse_loss(cl, q.detach()) * self.commitment
        st = cl + (q - cl).detach()
        p = counts / flat.shape[0]
        perplexity = torch.exp(-(p * torch.log(p + 1e-10)).sum())
        return st.permute(0, 3, 1, 2).contiguous(), loss, perplexity, idx.view(b, h, w)


class VqVae2(nn.Module):
    def __init__(self, c=1, h=128, layers=2, rh=64, kb=1024, kt=4096, d=128):
        super().__init__()
        self.enc_b = nn.ModuleList([nn.Conv2d(c, h // 2, 4, 2, 1), nn.Conv2d(h // 2, h, 4, 2, 1), nn.Conv2d(h, h, 3, 1, 1)])
        self.enc_b_res = ResidualStack(h, layers, rh)
        self.enc_t = nn.ModuleList([nn.Conv2d(h, h, 4, 2, 1), nn.Conv2d(h, h, 3, 1, 1)])
        self.enc_t_res = ResidualStack(h, layers, rh)
        self.pre_vq_top = nn.Conv2d(h, d, 1)
        self.pre_vq_bottom = nn.Conv2d(h + d, d, 1)
        self.vq_top = EmaQuantizer(kt, d)
        self.vq_bottom = EmaQuantizer(kb, d)
        self.upsample_t = nn.ConvTranspose2d(d, d, 4, 2, 1)
        self.dec_conv = nn.Conv2d(2 * d, h, 3, 1, 1)
        self.dec_res = ResidualStack(h, layers, rh)
        self.dec_up1 = nn.ConvTranspose2d(h, h // 2, 4, 2, 1)
        self.dec_up2 = nn.ConvTranspose2d(h // 2, c, 4, 2, 1)

    def forward(self, x):
        e = F.relu(self.enc_b[0](x))
        e = F.relu(self.enc_b[1](e))
        enc_b = self.enc_b_res(self.enc_b[2](e))
        t = F.relu(self.enc_t[0](enc_b))
        t = F.relu(self.enc_t[1](t))
        z_t = self.pre_vq_top(self.enc_t_res(t))
        q_t, loss_t, _, _ = self.vq_top(z_t)
        up_t = self.upsample_t(q_t)
        z_b = self.pre_vq_bottom(torch.cat([enc_b, up_t], 1))
        q_b, loss_b, _, _ = self.vq_bottom(z_b)
        y = self.dec_res(self.dec_conv(torch.cat([up_t, q_b], 1)))
        y = self.dec_up2(F.relu(self.dec_up1(y)))
        return y, loss_b + loss_t


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = VqVae2()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    x = torch.randn(8, 1, 128, 320)

    def step():
        optimizer.zero_grad()
        y, vq = model(x)
        loss = F.mse_loss(y, x) + vq
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.reps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    print(json.dumps({"framework": "pytorch " + torch.__version__, "threads": args.threads, "batch": 8, "input": [1, 128, 320],
                      "median_s": statistics.median(times), "mean_s": statistics.mean(times), "min_s": min(times), "reps": args.reps}))


if __name__ == "__main__":
    main()
