import torch
import torch.nn as nn


# shapesafe: input 32x1x28x28
class MLP(nn.Module):
    def __init__(self, in_dim=28 * 28, hidden=(512, 256, 128), num_classes=10, p=0.2):
        super().__init__()
        self.layers = nn.ModuleList()
        self.norms = nn.ModuleList()
        for h in hidden:
            self.layers.append(nn.Linear(in_dim, h))
            self.norms.append(nn.BatchNorm1d(h))
            in_dim = h
        self.dropout = nn.Dropout(p)
        self.out = nn.Linear(in_dim, num_classes)

    def forward(self, x):
        x = x.flatten(1)
        for layer, norm in zip(self.layers, self.norms):
            x = self.dropout(torch.relu(norm(layer(x))))
        return self.out(x)


if __name__ == "__main__":
    print(MLP()(torch.randn(32, 1, 28, 28)).shape)
