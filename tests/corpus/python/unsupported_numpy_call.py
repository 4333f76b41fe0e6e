import numpy as np
import torch
import torch.nn as nn


# shapesafe: input 4x3x32x32
class NumpySizedNet(nn.Module):
    """Sizes its classifier with numpy arithmetic and mixes in a numpy-made mask."""

    def __init__(self, image_shape=(3, 32, 32), num_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(4))
        feat_shape = np.array([16, image_shape[1] // 4, image_shape[2] // 4])
        self.fc = nn.Linear(int(np.prod(feat_shape)), num_classes)
        self.register_buffer("mask", torch.from_numpy(np.tril(np.ones((8, 8), dtype=np.float32))))

    def forward(self, x):
        x = self.features(x) * self.mask
        return self.fc(x.reshape(x.shape[0], -1))


if __name__ == "__main__":
    print(NumpySizedNet()(torch.randn(4, 3, 32, 32)).shape)
