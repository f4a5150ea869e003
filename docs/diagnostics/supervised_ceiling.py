"""How well can the cpu-small encoder learn the digits *with labels*?

A ceiling for docs/recipe.md: the cpu-small ViT (64-dim, depth 4, 4 heads,
patch 4 or --patch, the reference init and fixed sin-cos positions, from
test/reference/ijepa_torch.py) trained supervised through a linear head on its
average-pooled features, Adam, batch 64, on the lab's stored digits; prints the
held-out accuracy. If labels cannot make the pooled features beat raw pixels in
a given number of steps, no self-supervised recipe will in that many.

  /usr/bin/python3 docs/diagnostics/supervised_ceiling.py DATASET_DIR [--steps 300] [--init-std 0.02] [--pos-scale 1] [--lr 1e-3] [--patch 4]
  (DATASET_DIR: e.g. ~/.jepa-lab/datasets/digits; needs python3-torch and numpy)
"""
import argparse, os, sys, time
import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'reference'))
from ijepa_torch import VisionTransformer, init_reference  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('dataset')
ap.add_argument('--steps', type=int, default=300)
ap.add_argument('--init-std', type=float, default=0.02)
ap.add_argument('--patch-init-std', type=float, default=0.14)
ap.add_argument('--pos-scale', type=float, default=1.0)
ap.add_argument('--lr', type=float, default=1e-3)
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--patch', type=int, default=4, help='patch size (4: 7×7 grid, 7: 4×4 grid)')
a = ap.parse_args()
torch.manual_seed(0)
torch.set_num_threads(a.threads)

d = a.dataset
px = np.fromfile(os.path.join(d, 'pixels.u8'), dtype=np.uint8).reshape(-1, 1, 28, 28).astype(np.float32) / 255
labels = torch.tensor(np.fromfile(os.path.join(d, 'labels.i32'), dtype=np.int32), dtype=torch.long)
held_out = np.fromfile(os.path.join(d, 'split.u8'), dtype=np.uint8)
X = torch.tensor((px - px.mean()) / px.std())  # the lab's normalisation: dataset mean and std
train, test = np.where(held_out == 0)[0], np.where(held_out == 1)[0]

enc = VisionTransformer(28, a.patch, 1, 64, 4, 4, 4)
init_reference(enc, a.init_std, a.patch_init_std, a.pos_scale)
head = nn.Linear(64, 10)
opt = torch.optim.Adam(list(enc.parameters()) + list(head.parameters()), lr=a.lr)
t0 = time.time()
for s in range(a.steps):
    idx = train[(np.arange(64) + s * 64) % len(train)]
    loss = nn.functional.cross_entropy(head(enc(X[idx]).mean(1)), labels[idx])  # [64, N, D] → mean → [64, 10]
    opt.zero_grad()
    loss.backward()
    opt.step()
with torch.no_grad():
    acc = (head(enc(X[test]).mean(1)).argmax(1) == labels[test]).float().mean().item()
print(f'supervised, pooled features + linear head: {a.steps} steps, patch {a.patch}, init_std {a.init_std}, pos_scale {a.pos_scale}, lr {a.lr}: held-out accuracy {acc:.3f} ({time.time() - t0:.0f} s)')
