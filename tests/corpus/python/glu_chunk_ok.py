import torch
import torch.nn as nn


class GatedConv(nn.Module):
    """Gated linear unit over channels: half of the conv output gates the other half."""

    def __init__(self, in_ch, out_ch, kernel_size=3):
        super().__init__()
        self.conv = nn.Conv1d(in_ch, 2 * out_ch, kernel_size, padding=kernel_size // 2)

    def forward(self, x):
        a, b = self.conv(x).chunk(2, dim=1)
        return a * torch.sigmoid(b)


# shapesafe: input 4x80x200
class GatedCNN(nn.Module):
    """Gated CNN acoustic model over 80-band filterbank frames."""

    def __init__(self, n_feats=80, channels=(128, 128, 256), n_tokens=30):
        super().__init__()
        layers = []
        cin = n_feats
        for c in channels:
            layers.append(GatedConv(cin, c))
            cin = c
        self.body = nn.Sequential(*layers)
        self.split_sizes = [cin // 2, cin // 2]
        self.out = nn.Conv1d(cin // 2, n_tokens, 1)

    def forward(self, feats):
        h = self.body(feats)
        left, right = torch.split(h, self.split_sizes, dim=1)
        h = left + right
        return self.out(h).transpose(1, 2)


if __name__ == "__main__":
    print(GatedCNN()(torch.randn(4, 80, 200)).shape)
