import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 8x1x28x28
class DenoisingAutoencoder(nn.Module):
    """Encoder-decoder with additive skips (RED-Net style) on 28x28 images: 28 -> 14 -> 7 -> 4 -> 7 -> 14 -> 28."""

    def __init__(self, ch=32):
        super(DenoisingAutoencoder, self).__init__()
        self.enc1 = nn.Conv2d(1, ch, 3, stride=2, padding=1)
        self.enc2 = nn.Conv2d(ch, ch * 2, 3, stride=2, padding=1)
        self.enc3 = nn.Conv2d(ch * 2, ch * 4, 3, stride=2, padding=1)
        self.dec3 = nn.ConvTranspose2d(ch * 4, ch * 2, 3, stride=2, padding=1, output_padding=0)
        self.dec2 = nn.ConvTranspose2d(ch * 2, ch, 3, stride=2, padding=1, output_padding=1)
        self.dec1 = nn.ConvTranspose2d(ch, 1, 3, stride=2, padding=1, output_padding=1)

    def forward(self, x):
        e1 = F.relu(self.enc1(x))
        e2 = F.relu(self.enc2(e1))
        e3 = F.relu(self.enc3(e2))
        d3 = F.relu(self.dec3(e3) + e2)
        d2 = F.relu(self.dec2(d3) + e1)
        out = self.dec1(d2)
        return x - out


if __name__ == "__main__":
    net = DenoisingAutoencoder()
    noisy = torch.randn(8, 1, 28, 28)
    print(net(noisy).shape)
