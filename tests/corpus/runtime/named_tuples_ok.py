import torch
import torch.nn as nn


# shapesafe: input 3x4x5
class NamedTuples(nn.Module):
    """The (values, indices) results read by field name, as torch.return_types allows: max/min with a dim, median, mode,
    kthvalue, topk, sort, cummax."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(5, 5)

    def forward(self, x):
        x = self.proj(x)
        return (
            torch.max(x, 1).values,
            x.min(dim=-1).indices,
            x.median(dim=2, keepdim=True).values,
            torch.mode(x.argmax(-1), 1).indices,
            torch.kthvalue(x, 2, dim=1).values,
            x.topk(2).indices,
            torch.sort(x, dim=1, descending=True).values,
            torch.cummax(x, dim=2).indices,
        )
