# A ViT-H/14-sized checkpoint in the official I-JEPA layout, for measuring
# what `jepa-lab import-checkpoint` and `embed` need on a big model
# (docs/bench/README.md). Uses facebookresearch/ijepa's own model classes from
# a checkout given on the command line (not part of this project):
#
#   /usr/bin/python3 docs/bench/vit-huge-checkpoint.py /tmp/ijepa OUT.pth.tar
#
# The weights are the official init (no training); the dict is what
# src/train.py saves, `module.` names included, without the optimiser state
# (it would double the file and is not read by a --features-only import).
import copy
import sys

import torch

sys.path.insert(0, sys.argv[1])
import src.models.vision_transformer as vit  # noqa: E402

torch.manual_seed(0)
encoder = vit.vit_huge(img_size=[224], patch_size=14)
predictor = vit.vit_predictor(num_patches=encoder.patch_embed.num_patches, embed_dim=encoder.embed_dim, predictor_embed_dim=384, depth=12, num_heads=encoder.num_heads)
target = copy.deepcopy(encoder)


def ddp(sd):
    return type(sd)((f'module.{k}', v) for k, v in sd.items())


torch.save({
    'encoder': ddp(encoder.state_dict()), 'predictor': ddp(predictor.state_dict()), 'target_encoder': ddp(target.state_dict()),
    'opt': None, 'scaler': None, 'epoch': 300, 'loss': 0.0, 'batch_size': 2048, 'world_size': 16, 'lr': 0.001,
}, sys.argv[2])
n = sum(p.numel() for p in encoder.parameters())
print(f'{sys.argv[2]}: vit_huge/14 at 224 px, {n / 1e6:.0f}M encoder parameters')
