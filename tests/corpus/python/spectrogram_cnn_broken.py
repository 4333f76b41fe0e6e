import torch
import torch.nn as nn

N_MELS = 64
N_FRAMES = 101


# shapesafe: input 8x1x64x101
class SpectrogramCNN(nn.Module):
    """Keyword spotting on log-mel spectrograms: 1 s of audio, 10 ms hop -> 101 frames."""

    def __init__(self, n_classes=12, n_mels=N_MELS, n_frames=N_FRAMES):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(64, 64, kernel_size=3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d((2, 2)),
        )
        out_h = n_mels // 4 // 2
        out_w = -(-(n_frames // 4) // 2)
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(0.3),
            nn.Linear(64 * out_h * out_w, 128),
            nn.ReLU(),
            nn.Linear(128, n_classes),
        )

    def forward(self, spec):
        return self.classifier(self.features(spec))


if __name__ == "__main__":
    m = SpectrogramCNN()
    print(m(torch.randn(8, 1, N_MELS, N_FRAMES)).shape)
