import torch
import torch.nn as nn


# shapesafe: input 3x4x5, 3x6:int64
class StructuralReductions(nn.Module):
    """Reductions the runtime runs beyond sum/mean/max: dims negative or tuples, keepdim, dtype=, int64 promotion of sum
    and prod on integer tensors, the (values, indices) pairs of median (lower middle), nanmedian, mode, kthvalue, topk
    (largest and smallest) and sort (stable on ties), argsort, NaN-aware sums and means, bool results as float."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(5, 5)

    def forward(self, x, ids):
        x = self.proj(x)
        with_nan = torch.log(x + 1.0)
        med_v, med_i = x.median(dim=1)
        med_k = torch.median(x, -1, keepdim=True)
        nmed = torch.nanmedian(with_nan, dim=2)
        mode_v, mode_i = torch.mode(ids, 1)
        kth_v, kth_i = torch.kthvalue(x, 2, dim=1)
        top_v, top_i = x.topk(3, dim=-1)
        low_v, low_i = torch.topk(x, 2, dim=1, largest=False)
        sort_v, sort_i = torch.sort(x, dim=1, descending=True)
        isort_v, isort_i = ids.sort()
        return (
            torch.all(x > -1.0, dim=1).float(),
            x.any().float(),
            (ids > 5).all(-1, keepdim=True).float(),
            x.argmin(dim=-1, keepdim=True),
            torch.argmin(x),
            torch.prod(x, 1),
            x.prod(),
            ids.prod(dim=1),
            ids.sum(1),
            ids.sum(),
            x.sum(dim=(0, 2), keepdim=True),
            x.mean(-1, dtype=torch.float32),
            x.norm(dim=1),
            torch.norm(x, p=1, dim=(1, 2)),
            torch.norm(x),
            x.norm(float("inf"), dim=-1, keepdim=True),
            torch.logsumexp(x, dim=2),
            x.logsumexp((0, 1)),
            med_v,
            med_i,
            med_k[0],
            med_k[1],
            x.median(),
            nmed[0],
            nmed[1],
            torch.nanmedian(with_nan),
            with_nan.nanmedian(-1)[0],
            mode_v,
            mode_i,
            kth_v,
            kth_i,
            top_v,
            top_i,
            low_v,
            low_i,
            sort_v,
            sort_i,
            isort_v,
            isort_i,
            x.argsort(dim=2),
            torch.argsort(ids, dim=1, descending=True),
            torch.nansum(with_nan, dim=(0, 1)),
            with_nan.nansum(),
            with_nan.nanmean(1, keepdim=True),
            torch.nanmean(with_nan),
            torch.count_nonzero(ids, dim=0),
            ids.count_nonzero(),
        )
