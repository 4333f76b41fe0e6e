import torch
import torch.nn as nn


# max/min with a dim, median, sort and topk return torch.return_types named tuples: .values and .indices are their items.
# shapesafe: input 2x6x5
class Net(nn.Module):
    def forward(self, x):
        top = x.topk(3, dim=1).indices
        best = torch.max(x, 2).values
        middle = x.median(dim=1, keepdim=True).values
        ordered = torch.sort(x, dim=-1).values
        return best.unsqueeze(2) + middle + ordered + top.sum()  # output: 2x6x5
