# The reference I-JEPA modules in PyTorch, as facebookresearch/ijepa
# src/models/vision_transformer.py and src/masks/utils.py write them (no dropout,
# no drop path). The one copy used by the checkpoint parity test
# (test/checkpoint.test.ts) and by `jepa-lab bench --compare-torch`
# (test/reference/torch_bench.py). Optional: JEPA Lab itself runs without Python.
import json, math, struct

import torch, torch.nn as nn, torch.nn.functional as F


def load_safetensors(path):
    """Read a safetensors file with struct/json only (F32 tensors)."""
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k == '__metadata__':
            continue
        b0, b1 = v['data_offsets']
        t = torch.frombuffer(bytearray(data[b0:b1]), dtype=torch.float32).reshape(v['shape'])
        out[k] = t.clone()
    return out


class MLP(nn.Module):
    def __init__(self, d, h):
        super().__init__(); self.fc1 = nn.Linear(d, h); self.act = nn.GELU(); self.fc2 = nn.Linear(h, d)
    def forward(self, x): return self.fc2(self.act(self.fc1(x)))


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__(); self.num_heads = heads; self.scale = (d // heads) ** -0.5
        self.qkv = nn.Linear(d, 3 * d, bias=True); self.proj = nn.Linear(d, d)
    def forward(self, x):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.num_heads, C // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = ((q @ k.transpose(-2, -1)) * self.scale).softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, N, C)
        return self.proj(x)


class Block(nn.Module):
    def __init__(self, d, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(d, eps=1e-6); self.attn = Attention(d, heads)
        self.norm2 = nn.LayerNorm(d, eps=1e-6); self.mlp = MLP(d, int(d * mlp_ratio))
    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, p, c, d):
        super().__init__(); self.proj = nn.Conv2d(c, d, kernel_size=p, stride=p)
    def forward(self, x): return self.proj(x).flatten(2).transpose(1, 2)


def sincos_1d(dim, pos):
    omega = torch.arange(dim // 2, dtype=torch.float64) / (dim / 2.0)
    omega = 1.0 / 10000 ** omega
    out = pos.reshape(-1)[:, None].double() * omega[None]
    return torch.cat([torch.sin(out), torch.cos(out)], dim=1)


def sincos_2d(dim, g):
    gh = torch.arange(g, dtype=torch.float64); gw = torch.arange(g, dtype=torch.float64)
    grid = torch.stack(torch.meshgrid(gw, gh, indexing='xy'), 0)  # np.meshgrid(grid_w, grid_h)
    return torch.cat([sincos_1d(dim // 2, grid[0]), sincos_1d(dim // 2, grid[1])], dim=1).float()


def apply_masks(x, masks):
    # reference src/masks/utils.py: gather each mask's tokens, concatenate along the batch
    return torch.cat([torch.gather(x, 1, m.unsqueeze(-1).repeat(1, 1, x.size(-1))) for m in masks], dim=0)


class VisionTransformer(nn.Module):
    def __init__(self, img, p, c, d, depth, heads, mlp_ratio):
        super().__init__()
        self.patch_embed = PatchEmbed(p, c, d)
        n = (img // p) ** 2
        self.pos_embed = nn.Parameter(torch.zeros(1, n, d), requires_grad=False)
        self.blocks = nn.ModuleList([Block(d, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(d, eps=1e-6)
    def forward(self, x, masks=None):
        x = self.patch_embed(x) + self.pos_embed
        if masks is not None:
            x = apply_masks(x, masks)
        for b in self.blocks: x = b(x)
        return self.norm(x)


class VisionTransformerPredictor(nn.Module):
    def __init__(self, n, d, dp, depth, heads, mlp_ratio):
        super().__init__()
        self.predictor_embed = nn.Linear(d, dp)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, dp))
        self.predictor_pos_embed = nn.Parameter(torch.zeros(1, n, dp), requires_grad=False)
        self.predictor_blocks = nn.ModuleList([Block(dp, heads, mlp_ratio) for _ in range(depth)])
        self.predictor_norm = nn.LayerNorm(dp, eps=1e-6)
        self.predictor_proj = nn.Linear(dp, d)
    def forward(self, x, masks_x, masks):
        B = len(x) // len(masks_x)
        x = self.predictor_embed(x)
        x += apply_masks(self.predictor_pos_embed.repeat(B, 1, 1), masks_x)
        _, N_ctxt, D = x.shape
        pos_embs = apply_masks(self.predictor_pos_embed.repeat(B, 1, 1), masks)
        pred_tokens = self.mask_token.repeat(pos_embs.size(0), pos_embs.size(1), 1) + pos_embs
        x = x.repeat(len(masks), 1, 1)
        x = torch.cat([x, pred_tokens], dim=1)
        for blk in self.predictor_blocks: x = blk(x)
        x = self.predictor_norm(x)
        return self.predictor_proj(x[:, N_ctxt:])


def build_models(cfg):
    """Encoder, target encoder and predictor for a resolved JEPA Lab config (JSON dict), uninitialised."""
    S, C, p = cfg['data']['crop_size'], cfg['data']['channels'], cfg['mask']['patch_size']
    m = cfg['model']
    G = S // p
    def vit():
        return VisionTransformer(S, p, C, m['embed_dim'], m['depth'], m['num_heads'], m['mlp_ratio'])
    pred = VisionTransformerPredictor(G * G, m['embed_dim'], cfg['meta']['pred_emb_dim'], cfg['meta']['pred_depth'], m['num_heads'], m['mlp_ratio'])
    return vit(), vit(), pred


def init_reference(mod, std, patch_std=0.0, pos_scale=1.0):
    """The reference init: trunc_normal_(std) weights (a = -2, b = 2), zero biases, LayerNorm 1/0,
    attn.proj / mlp.fc2 weights / sqrt(2·layer_id), fixed sin-cos positions; JEPA Lab's
    model.patch_init_std (> 0) for the patch embedding, model.pos_scale on the encoder's positions."""
    with torch.no_grad():
        for name, sub in mod.named_modules():
            if isinstance(sub, (nn.Linear, nn.Conv2d)):
                s = patch_std if (isinstance(sub, nn.Conv2d) and patch_std > 0) else std
                nn.init.trunc_normal_(sub.weight, std=s)
                if sub.bias is not None:
                    nn.init.zeros_(sub.bias)
            elif isinstance(sub, nn.LayerNorm):
                nn.init.ones_(sub.weight); nn.init.zeros_(sub.bias)
        blocks = getattr(mod, 'blocks', None) or getattr(mod, 'predictor_blocks')
        for i, blk in enumerate(blocks):
            blk.attn.proj.weight.div_(math.sqrt(2.0 * (i + 1)))
            blk.mlp.fc2.weight.div_(math.sqrt(2.0 * (i + 1)))
        if hasattr(mod, 'mask_token'):
            nn.init.trunc_normal_(mod.mask_token, std=std)
        for key in ('pos_embed', 'predictor_pos_embed'):
            if hasattr(mod, key):
                pe = getattr(mod, key)
                g = int(round(math.sqrt(pe.shape[1])))
                pe.copy_(sincos_2d(pe.shape[2], g)[None] * (pos_scale if key == 'pos_embed' else 1.0))


def param_groups(modules):
    """AdamW groups as the reference (bias / 1-D: no weight decay); this project also
    exempts the mask token. Returns (decay, no_decay, names) with names[param] = 'prefix.name'."""
    names, decay, no_decay = {}, [], []
    for prefix, mod in modules:
        for nme, prm in mod.named_parameters():
            if not prm.requires_grad:
                continue
            names[prm] = prefix + '.' + nme
            (no_decay if ('bias' in nme or prm.ndim == 1 or nme == 'mask_token') else decay).append(prm)
    return decay, no_decay, names


def ema_update(online, target, momentum):
    """ξ ← m·ξ + (1 − m)·θ, as the reference train loop writes it."""
    with torch.no_grad():
        for pq, pk in zip(online.parameters(), target.parameters()):
            pk.data.mul_(momentum).add_((1. - momentum) * pq.detach().data)
