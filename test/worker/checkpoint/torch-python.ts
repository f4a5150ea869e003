// A Python with torch for the checkpoint tests (Debian's python3-torch is at
// /usr/bin/python3, which a pyenv python3 on PATH may hide), and a runner for
// short scripts that answer in JSON on their last line of stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function find(module: string): { python: string | null; why: string } {
  const tried: string[] = [];
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python: py, why: '' };
    tried.push(`${py}: ${r.error ? r.error.message : (r.stderr || '').trim().split('\n').pop()}`);
  }
  return { python: null, why: tried.join('; ') };
}

export const torchPython = find('torch');
/** Any python3 (plain pickle is enough to show that a crafted file would run its payload). */
export const anyPython = find('pickle');

/** Run `script` with `args`; returns the JSON printed on the last line of stdout (throws with stderr on failure). */
export function runPython<T = Record<string, unknown>>(python: string, dir: string, script: string, args: string[] = [], env: Record<string, string> = {}): T {
  const file = path.join(dir, `script-${Math.random().toString(36).slice(2)}.py`);
  fs.writeFileSync(file, script);
  const r = spawnSync(python, [file, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 2 ** 20, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}\n${r.stdout.slice(-2000)}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/**
 * Load an official-format export in torch and step it once (argv[1]: a JSON job
 * {file, config: the lab config.json, ipe: iterations per epoch, ref: test/reference,
 * ijepa: a facebookresearch/ijepa checkout or null}): with the official model
 * classes, init_opt and load_checkpoint when `ijepa` is given, else the
 * reference modules with init_opt's groups and load_checkpoint's strict loads.
 * Prints the keys, names, shapes, meta, param groups, state and one AdamW step.
 */
export const EXPORT_CHECK = `
import copy, json, sys
import torch, torch.nn as nn, torch.nn.functional as F

job = json.load(open(sys.argv[1]))
cfg = json.load(open(job['config']))
ck = torch.load(job['file'], map_location='cpu')
out = {'keys': list(ck.keys()), 'types': {k: type(v).__name__ for k, v in ck.items()}}
for k in ('encoder', 'predictor', 'target_encoder'):
    out[k] = [[n, list(t.shape)] for n, t in ck[k].items()]
out['meta'] = {k: ck[k] for k in ('scaler', 'epoch', 'loss', 'batch_size', 'world_size', 'lr')}
out['groups'] = [{k: v for k, v in g.items() if k != 'betas'} for g in ck['opt']['param_groups']]
out['state_keys'] = sorted(ck['opt']['state'].keys())

S, C, p = cfg['data']['crop_size'], cfg['data']['channels'], cfg['mask']['patch_size']
m, o = cfg['model'], cfg['optimization']
D, depth, H, mlp = m['embed_dim'], m['depth'], m['num_heads'], m['mlp_ratio']
Dp, pd = cfg['meta']['pred_emb_dim'], cfg['meta']['pred_depth']


class DDP(nn.Module):
    # DistributedDataParallel's parameter names: the model under 'module'
    def __init__(self, mod):
        super().__init__()
        self.module = mod

    def forward(self, *a):
        return self.module(*a)


if job['ijepa']:
    sys.path.insert(0, job['ijepa'])
    from functools import partial
    import src.models.vision_transformer as vit
    import src.helper as helper
    enc = vit.VisionTransformer(img_size=[S], patch_size=p, in_chans=C, embed_dim=D, depth=depth, num_heads=H,
                                mlp_ratio=mlp, qkv_bias=True, norm_layer=partial(nn.LayerNorm, eps=1e-6))
    pred = vit.vit_predictor(num_patches=enc.patch_embed.num_patches, embed_dim=D, predictor_embed_dim=Dp, depth=pd, num_heads=H)
    tgt = copy.deepcopy(enc)
    opt, scaler, _, _ = helper.init_opt(
        encoder=enc, predictor=pred, wd=o['weight_decay'], final_wd=o['final_weight_decay'], start_lr=o['start_lr'],
        ref_lr=o['lr'], final_lr=o['final_lr'], iterations_per_epoch=job['ipe'], warmup=o['warmup'],
        num_epochs=o['epochs'], ipe_scale=o['ipe_scale'], use_bfloat16=False)
    enc, pred, tgt = DDP(enc), DDP(pred), DDP(tgt)
    logs = []
    helper.logger.info = lambda msg, *a, **k: logs.append(str(msg))
    enc, pred, tgt, opt, scaler, epoch = helper.load_checkpoint(
        device='cpu', r_path=job['file'], encoder=enc, predictor=pred, target_encoder=tgt, opt=opt, scaler=scaler)
    out['official'] = {'epoch': epoch, 'exceptions': [s for s in logs if 'exception' in s.lower()]}
else:
    sys.path.insert(0, job['ref'])
    from ijepa_torch import build_models
    e, t, pr = build_models(cfg)
    # src/helper.py init_opt's groups, over named_parameters before the DDP wrap
    def split(mod, decay):
        return [q for n, q in mod.named_parameters() if (('bias' not in n) and (len(q.shape) != 1)) == decay]
    opt = torch.optim.AdamW([
        {'params': split(e, True)}, {'params': split(pr, True)},
        {'params': split(e, False), 'WD_exclude': True, 'weight_decay': 0},
        {'params': split(pr, False), 'WD_exclude': True, 'weight_decay': 0}])
    enc, tgt, pred = DDP(e), DDP(t), DDP(pr)
    # src/helper.py load_checkpoint: strict load_state_dict of each, then the optimiser
    for mod, k in ((enc, 'encoder'), (pred, 'predictor'), (tgt, 'target_encoder')):
        mod.load_state_dict(ck[k])
    opt.load_state_dict(ck['opt'])
for q in tgt.parameters():
    q.requires_grad = False
out['state_shapes_match'] = all(opt.state[q]['exp_avg'].shape == q.shape
                                for g in opt.param_groups for q in g['params'] if len(opt.state.get(q, {})))


def apply_masks(x, masks):
    return torch.cat([torch.gather(x, 1, mm.unsqueeze(-1).repeat(1, 1, x.size(-1))) for mm in masks], dim=0)


# one step as src/train.py's train_step
torch.manual_seed(0)
B, N = 2, (S // p) ** 2
x = torch.randn(B, C, S, S)
masks_enc = [torch.arange(0, N // 2).repeat(B, 1)]
masks_pred = [torch.arange(N // 2, N // 2 + 3).repeat(B, 1), torch.arange(N - 3, N).repeat(B, 1)]
with torch.no_grad():
    h = tgt(x)
    h = F.layer_norm(h, (h.size(-1),))
    h = apply_masks(h, masks_pred)
z = pred(enc(x, masks_enc), masks_enc, masks_pred)
loss = F.smooth_l1_loss(z, h)
loss.backward()
w = opt.param_groups[0]['params'][1]  # patch_embed.proj.weight
pos = opt.param_groups[0]['params'][0]  # pos_embed
m0, step0, g, w0, pos0 = opt.state[w]['exp_avg'].clone(), float(opt.state[w]['step']), w.grad.clone(), w.detach().clone(), pos.detach().clone()
opt.step()
out['step'] = {
    'before': step0, 'after': float(opt.state[w]['step']), 'loss': float(loss),
    'exp_avg_err': float((opt.state[w]['exp_avg'] - (0.9 * m0 + 0.1 * g)).abs().max()),
    'moved': float((w.detach() - w0).abs().max()),
    'pos_state': len(opt.state.get(pos, {})), 'pos_moved': float((pos.detach() - pos0).abs().max()),
}
print(json.dumps(out))
`;
