import torch
import torch.nn as nn


# shapesafe: input 8x16000
class RawAudioNet(nn.Module):
    """Takes a batch of mono waveforms (B, T) straight from the data loader."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.frontend = nn.Sequential(
            nn.Conv1d(1, 64, kernel_size=400, stride=160),
            nn.BatchNorm1d(64),
            nn.ReLU(),
        )
        self.body = nn.Sequential(
            nn.Conv1d(64, 128, 3, padding=1), nn.BatchNorm1d(128), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(128, 128, 3, padding=1), nn.BatchNorm1d(128), nn.ReLU(),
            nn.AdaptiveMaxPool1d(1),
        )
        self.fc = nn.Linear(128, num_classes)

    def forward(self, wav):
        x = wav.unsqueeze(1)  # (B, 1, T)
        x = self.frontend(x)
        x = self.body(x).squeeze(-1)
        return self.fc(x)


if __name__ == "__main__":
    print(RawAudioNet()(torch.randn(8, 16000)).shape)
