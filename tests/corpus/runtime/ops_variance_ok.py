import torch
import torch.nn as nn


# shapesafe: input 3x4x5
class Variance(nn.Module):
    """var and std in every PyTorch 1.13 overload: no dim, (input, unbiased) positionally, dim as an int or a tuple with
    unbiased and keepdim positionally or by keyword, and correction= (0, 1 and 2)."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(5, 5)

    def forward(self, x):
        x = self.proj(x)
        return (
            x.var(),
            torch.var(x, False),
            x.std(False),
            torch.std(x, 1),
            x.var(1, False, True),
            torch.var(x, (0, 2), True, False),
            x.std(dim=-1, unbiased=False, keepdim=True),
            torch.var(x, dim=1, correction=0),
            x.std(dim=(1, 2), correction=2, keepdim=True),
            torch.var(x, dim=2, correction=1),
        )
