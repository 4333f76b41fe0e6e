import torch
import torch.nn as nn


class RoundSTE(torch.autograd.Function):
    """Rounds in the forward pass, passes the gradient straight through."""

    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.lambd = lambd
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.neg() * ctx.lambd, None


# shapesafe: input 4x1x28x28
class QuantizedDANN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.label_head = nn.Linear(16 * 12 * 12, 10)
        self.domain_head = nn.Linear(16 * 12 * 12, 2)

    def forward(self, x):
        f = self.features(x)
        f = RoundSTE.apply(f * 4) / 4
        f = f.flatten(1)
        return self.label_head(f), self.domain_head(GradReverse.apply(f, 1.0))


if __name__ == "__main__":
    labels, domains = QuantizedDANN()(torch.randn(4, 1, 28, 28))
    print(labels.shape, domains.shape)
