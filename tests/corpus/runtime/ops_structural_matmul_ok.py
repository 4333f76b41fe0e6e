import torch
import torch.nn as nn


# shapesafe: input 2x3x4, 2x4
class StructuralMatmulShape(nn.Module):
    """The matmul family (addmm, baddbmm with beta and alpha, dot, mv, outer, ger, inner, einsum, __matmul__) and the
    shape ops: movedim/moveaxis, swapaxes/swapdims, t, tile, unflatten, hstack, vstack, tensor_split, and the in-place
    t_, transpose_, unsqueeze_, squeeze_ on a copy (they change it and return it)."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(4, 4))
        self.b = nn.Parameter(torch.randn(4))

    def forward(self, x, v):
        y = x.clone()
        y.unsqueeze_(0)
        y.transpose_(1, 2)
        y.squeeze_(0)
        z = v.clone()
        z.t_()
        parts = torch.tensor_split(x, 3, dim=2)
        at = x.tensor_split([1, 3], dim=-1)
        return (
            torch.addmm(self.b, v, self.w),
            v.addmm(v, self.w, beta=0.5, alpha=2.0),
            torch.baddbmm(x, x, self.w.expand(2, 4, 4), alpha=0.5),
            self.b[:3].baddbmm(x, x.transpose(1, 2), beta=2.0),
            torch.dot(v[0], v[1]),
            v[0].dot(self.b),
            torch.mv(self.w, v[1]),
            self.w.mv(self.b),
            torch.outer(v[0], self.b),
            v[1].outer(v[0]),
            torch.ger(self.b, v[0]),
            torch.inner(v[0], self.b),
            torch.einsum("bij,bj->bi", x, v),
            torch.einsum("ij,jk", v, self.w),
            torch.einsum("bij,bkj->bik", x, x),
            x.__matmul__(self.w),
            x.movedim(0, -1),
            torch.moveaxis(x, (0, 1), (2, 0)),
            x.swapaxes(0, 2),
            torch.swapdims(x, 1, 2),
            torch.t(v),
            x.tile((2,)),
            torch.tile(v, (2, 1, 3)),
            torch.unflatten(x, 2, (2, 2)),
            x.unflatten(-1, (2, -1)),
            torch.hstack([v, v, v]),
            torch.vstack((v, self.b)),
            torch.hstack((x, x)),
            parts[0],
            parts[2],
            at[1],
            at[2],
            y,
            z,
        )
