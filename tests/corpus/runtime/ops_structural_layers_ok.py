import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 2x4x4x6x6
class StructuralLayersFactories(nn.Module):
    """3-D functional pooling, group norm, the torch.* forms of conv, pooling and norms (torch.batch_norm with its own
    argument order), and tensors made in forward: torch.tensor/as_tensor/FloatTensor/LongTensor with and without dtype,
    full (int64 for an int fill), full_like, zeros_like with dtype, linspace, logspace, and x.new_zeros/new_ones/new_full (x's dtype)."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(6, 4, 3, 3))
        self.w1 = nn.Parameter(torch.randn(5, 4, 3))
        self.w3 = nn.Parameter(torch.randn(3, 4, 2, 2, 2))
        self.wt = nn.Parameter(torch.randn(4, 3, 2, 2))
        self.gamma = nn.Parameter(torch.rand(4) + 0.5)
        self.beta = nn.Parameter(torch.randn(4))
        self.register_buffer("mean", torch.randn(4) * 0.1)
        self.register_buffer("var", torch.rand(4) + 0.5)

    def forward(self, x):
        img = x[:, :, 0]
        seq = img.flatten(2)
        picks, where = F.max_pool3d(x, 2, return_indices=True)
        amax, amax_i = F.adaptive_max_pool3d(x, (2, 3, 1), return_indices=True)
        pooled, pooled_i = torch.adaptive_max_pool1d(seq, 5)
        scale = torch.tensor([[1.0, 2.0, 3.0, 4.0]])
        counts = torch.tensor([1, 2, 3], dtype=torch.float64)
        flags = torch.tensor([True, False, True])
        return (
            F.max_pool3d(x, (2, 3, 3), stride=1, padding=1),
            picks,
            where,
            F.avg_pool3d(x, 2, stride=(1, 2, 2), count_include_pad=False),
            F.avg_pool3d(x, 3, padding=1, ceil_mode=True),
            F.adaptive_avg_pool3d(x, (1, None, 2)),
            F.adaptive_max_pool3d(x, 1),
            amax,
            amax_i,
            F.group_norm(x, 2, self.gamma, self.beta),
            torch.group_norm(img, 1),
            F.group_norm(img, 4, eps=1e-3),
            torch.max_pool1d(seq, 3),
            torch.max_pool2d(img, 2, 1, 1),
            torch.max_pool3d(x, (1, 2, 2)),
            torch.avg_pool1d(seq, 4, 2),
            torch.adaptive_avg_pool1d(seq, 7),
            pooled,
            pooled_i,
            torch.conv2d(img, self.w, padding=1),
            torch.conv1d(seq, self.w1, None, 2),
            torch.conv3d(x, self.w3, stride=2),
            torch.conv_transpose2d(img, self.wt, stride=2),
            torch.layer_norm(img, [6, 6], eps=1e-4),
            torch.batch_norm(img, self.gamma, self.beta, self.mean, self.var, False, 0.1, 1e-5, False),
            img * scale.view(1, 4, 1, 1),
            counts.float(),
            flags.float(),
            torch.as_tensor([[1, 2], [3, 4]]),
            torch.as_tensor(img) + 1.0,
            torch.FloatTensor([0.5, 1.5]),
            torch.LongTensor([7, 8, 9]),
            torch.tensor(3.5),
            torch.tensor(scale, dtype=torch.float64).float() * 2.0,
            torch.full((2, 3), 4),
            torch.full((2,), 1.5),
            torch.full_like(img, 2.5),
            torch.full_like(seq, 7, dtype=torch.int64),
            torch.zeros_like(img, dtype=torch.int64),
            torch.ones_like(seq),
            torch.linspace(0, 1, 5),
            torch.linspace(-2.0, 3.0, steps=7),
            torch.logspace(0, 2, 3),
            torch.logspace(0, 1, 4, base=2),
            img.new_zeros((2, 3)),
            img.new_ones(4, 5),
            img.new_full((3,), 1.25),
            torch.arange(5).new_full((2, 2), 3),
            torch.arange(4).new_zeros(3),
        )
