# The PyTorch half of `jepa-lab bench --compare-torch` (spawned by main/cli/bench.ts).
#
# stdin: one JSON object
#   {config: resolved JEPA Lab config, masks: [{context: [B][Kc], targets: [B][M][Kt]}, ...]
#    (one per step: masks[0] for the warm-up step, masks[1..] for the timed ones — the very
#    masks the tfjs Trainer draws for its steps), steps: N, threads: T}
# stdout: one JSON line with the timings, memory and the BLAS/threads in use.
# stderr: "step i/N" progress lines.
#
# The step is the reference src/train.py step on the reference modules
# (test/reference/ijepa_torch.py): target encoder forward without grad + layer_norm +
# apply_masks, context encoder on the visible patches, predictor, loss (+ the
# config's VICReg / SIGReg / invariance terms on pooled features or their projector, as worker/train/step.ts adds them), backward, AdamW,
# EMA update. Gradient accumulation over optimization.micro_batch as the Trainer.
# Images are random (fixed for the run): crops and mask sampling are not timed
# here, while the tfjs step includes them (a few ms; see `bench` docs).
import json, os, re, resource, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch, torch.nn.functional as F  # noqa: E402
from ijepa_torch import apply_masks, build_models, init_reference, param_groups, ema_update  # noqa: E402


def rss_bytes():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def blas_variant(path):
    """The BLAS build a mapped library belongs to: Debian keeps each OpenBLAS variant in its own
    folder (openblas-openmp, openblas-pthread, openblas-serial) and the reference in blas/."""
    p = path.lower()
    for v in ('openblas-openmp', 'openblas-pthread', 'openblas-serial'):
        if f'/{v}/' in p:
            return v
    base = os.path.basename(p)
    if re.search(r'/blas/libblas\.so(\.|$)', p):
        return 'reference'
    for k in ('openblas', 'mkl', 'blis', 'atlas'):
        if k in base:
            return k
    return None  # not a BLAS (e.g. the reference LAPACK, which runs on whichever BLAS is loaded)


def openblas_runtime(libs):
    """openblas_get_corename/config/parallel of the first mapped OpenBLAS (its kernels for this CPU)."""
    import ctypes
    for p in libs:
        if 'openblas' not in os.path.basename(p).lower():
            continue
        try:
            lib = ctypes.CDLL(p)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            par = {0: 'sequential', 1: 'pthread', 2: 'openmp'}.get(lib.openblas_get_parallel(), 'unknown')
            return {'corename': lib.openblas_get_corename().decode(), 'config': lib.openblas_get_config().decode(), 'parallel': par}
        except (OSError, AttributeError):
            continue
    return {'corename': None, 'config': None, 'parallel': None}


def classify_blas(libs, build):
    """kind: OpenBLAS | reference | MKL | BLIS | ATLAS | mixed (more than one BLAS build mapped at once)."""
    variants = sorted({v for v in (blas_variant(p) for p in libs) if v})
    joined = ' '.join(libs).lower()
    if len(variants) > 1:
        kind = 'mixed'
    elif 'openblas' in joined:
        kind = 'OpenBLAS'
    elif 'mkl' in joined or 'mkl' in (build or '').lower():
        kind = 'MKL'
    elif 'blis' in joined:
        kind = 'BLIS'
    elif 'atlas' in joined:
        kind = 'ATLAS'
    elif variants == ['reference']:  # Debian's libblas3 (netlib reference)
        kind = 'reference'
    else:
        kind = build or 'unknown'
    return {'kind': kind, 'variants': variants, 'mixed': len(variants) > 1}


def blas_info():
    """BLAS as built (torch.__config__.show()) and as loaded at run time (/proc/self/maps, real
    paths): Debian's torch is built against the generic libblas.so.3 and also loads
    libopenblas.so.0, each whichever build the alternatives system (or LD_LIBRARY_PATH) provides,
    so the two can be different builds at once ('mixed')."""
    found = re.search(r'BLAS_INFO=([^,\s]+)', torch.__config__.show())
    build = found.group(1) if found else None
    a = torch.randn(64, 64)
    (a @ a).sum().item()  # make sure the BLAS is loaded
    libs = []
    try:
        with open('/proc/self/maps') as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ''
                base = os.path.basename(path).lower()
                if any(k in base for k in ('blas', 'lapack', 'mkl_rt', 'libmkl', 'blis', 'atlas')) and path not in libs:
                    libs.append(path)
    except OSError:
        pass
    c = classify_blas(libs, build)
    return {'build': build, 'libraries': libs, 'kind': c['kind'], 'openblas': c['kind'] == 'OpenBLAS',
            'variants': c['variants'], 'mixed': c['mixed'], **openblas_runtime(libs)}


def vicreg(z):
    """worker/model/regularizers.ts vicreg on features z [n, D] (the step passes pooled per-image features)."""
    n, D = z.shape
    zc = z - z.mean(0, keepdim=True)
    dof = max(1, n - 1)
    cov = zc.t() @ zc / dof
    var = (zc ** 2).sum(0) / dof
    variance = F.relu(1 - torch.sqrt(var + 1e-4)).mean()
    covariance = ((cov ** 2).sum() - (var ** 2).sum()) / D
    return variance, covariance


def sigreg(x, slices=256, knots=17):
    """worker/model/regularizers.ts sigreg on pooled features x [n, D] (random directions per step)."""
    n, D = x.shape
    A = torch.randn(D, slices)
    A = A / A.norm(dim=0, keepdim=True)
    t = torch.linspace(-5, 5, knots)
    phi = torch.exp(-0.5 * t ** 2)
    w = torch.full((knots,), 10 / (knots - 1)); w[0] *= 0.5; w[-1] *= 0.5
    w = w * phi
    xt = (x @ A)[:, :, None] * t  # [n, K, T]
    err = (torch.cos(xt).mean(0) - phi) ** 2 + torch.sin(xt).mean(0) ** 2
    return ((err * w).sum(1) * n).mean()


def main():
    job = json.load(sys.stdin)
    cfg = job['config']
    steps = int(job['steps'])
    if job.get('threads'):
        torch.set_num_threads(int(job['threads']))
    torch.manual_seed(cfg['meta']['seed'])
    d, m, o, r = cfg['data'], cfg['model'], cfg['optimization'], cfg['regularization']
    B, S, C, D = d['batch_size'], d['crop_size'], d['channels'], m['embed_dim']
    blas = blas_info()
    rss0 = rss_bytes()

    enc, tgt, pred = build_models(cfg)
    init_reference(enc, m['init_std'], m['patch_init_std'], m.get('pos_scale', 1.0))
    init_reference(pred, m['init_std'])
    tgt.load_state_dict(enc.state_dict())  # the reference deep-copies the encoder
    for p in tgt.parameters():
        p.requires_grad = False
    proj = None  # regularization.projector_dim: worker/model/model.ts Projector (Linear → GELU → bias-free Linear)
    if r.get('projector_dim', 0) > 0:
        H = r['projector_dim']
        proj = torch.nn.Sequential(torch.nn.Linear(D, H), torch.nn.GELU(), torch.nn.Linear(H, H, bias=False))
        with torch.no_grad():  # trunc_normal_(init_std) weights, zero bias, as ParamBuilder.linear
            for lin in (proj[0], proj[2]):
                torch.nn.init.trunc_normal_(lin.weight, std=m['init_std'], a=-2, b=2)
            proj[0].bias.zero_()
    decay, no_decay, _ = param_groups([('encoder', enc), ('predictor', pred)] + ([('projector', proj)] if proj else []))
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': o['weight_decay']}, {'params': no_decay, 'weight_decay': 0}], lr=o['lr'])
    x = torch.randn(B, C, S, S)
    mb = o['micro_batch'] if o['micro_batch'] > 0 else B
    loss_fn = F.mse_loss if cfg['meta']['loss'] == 'l2' else F.smooth_l1_loss

    def step(masks):
        ctx = torch.tensor(masks['context'], dtype=torch.long)  # [B, Kc]
        M = len(masks['targets'][0])
        tg = torch.tensor(masks['targets'], dtype=torch.long)  # [B, M, Kt]
        opt.zero_grad(set_to_none=True)
        total_loss = 0.0
        for s0 in range(0, B, mb):
            s1 = min(B, s0 + mb)
            w = (s1 - s0) / B
            xb = x[s0:s1]
            me = [ctx[s0:s1]]
            mp = [tg[s0:s1, k] for k in range(M)]
            with torch.no_grad():
                h = apply_masks(F.layer_norm(tgt(xb), (D,)), mp)
            z = enc(xb, me)
            loss = loss_fn(pred(z, me, mp), h)
            total = loss
            pooled = z.mean(1) if proj is None else proj(z.mean(1))  # [n, D] or [n, H], as worker/train/step.ts regFeatures
            if r['vicreg_weight'] > 0 or r['vicreg_cov_weight'] > 0:
                v, c = vicreg(pooled)
                total = total + r['vicreg_weight'] * v + r['vicreg_cov_weight'] * c
            if r['sigreg_weight'] > 0:
                total = total + r['sigreg_weight'] * sigreg(pooled)
            if r.get('invariance_weight', 0) > 0:  # V views of each image in adjacent rows: mean over pairs, as worker/model/regularizers.ts
                V = r.get('views', 2)
                g = pooled.reshape(-1, V, pooled.shape[1])
                total = total + r['invariance_weight'] * (2 * V / (V - 1)) * ((g - g.mean(1, keepdim=True)) ** 2).mean()
            (total * w).backward()
            total_loss += w * loss.item()
        opt.step()
        ema_update(enc, tgt, o['ema'][0])
        return total_loss

    masks = job['masks']
    step(masks[0])  # warm-up, as benchTrain
    times = []
    loss = None
    cpu0 = time.process_time()
    for i in range(steps):
        t = time.perf_counter()
        loss = step(masks[(i + 1) % len(masks)])
        times.append((time.perf_counter() - t) * 1000)
        print(f'step {i + 1}/{steps}', file=sys.stderr, flush=True)
    cpu_ms = (time.process_time() - cpu0) * 1000 / steps  # all threads, the mean
    times_sorted = sorted(times)
    n = len(times_sorted)
    ms = times_sorted[n // 2] if n % 2 else (times_sorted[n // 2 - 1] + times_sorted[n // 2]) / 2
    peak = peak_rss_bytes()
    print(json.dumps({
        'torch_version': torch.__version__,
        'python': sys.executable,
        'threads': torch.get_num_threads(),
        'omp_wait_policy': os.environ.get('OMP_WAIT_POLICY'),
        'blas': blas,
        'ms_per_step': ms,
        'step_ms': times,
        'cpu_ms_per_step': cpu_ms,
        'images_per_s': B * 1000 / ms,
        'peak_rss_bytes': peak,
        'rss_before_model_bytes': rss0,
        'peak_bytes': max(0, peak - rss0),
        'memory_method': 'peak RSS growth: resource.getrusage(RUSAGE_SELF).ru_maxrss minus the RSS (/proc/self/statm) after `import torch`, before the model was built',
        'last_loss': loss,
        'steps': steps,
    }))


if __name__ == '__main__':
    main()
