import torch
import torch.nn as nn

TASKS = {"age": 1, "gender": 2, "emotion": 7}


# shapesafe: input 4x3x64x64
class MultiTaskNet(nn.Module):
    def __init__(self, tasks=TASKS, feat_dim=256):
        super().__init__()
        self.backbone = nn.ModuleDict({
            "stem": nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU()),
            "stage1": nn.Sequential(nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU()),
            "stage2": nn.Sequential(nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.BatchNorm2d(128), nn.ReLU()),
        })
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.neck = nn.Linear(128, feat_dim)
        self.heads = nn.ModuleDict({
            name: nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, n_out))
            for name, n_out in tasks.items()
        })
        self.task_names = list(tasks)

    def forward(self, x):
        for stage in ["stem", "stage1", "stage2"]:
            x = self.backbone[stage](x)
        feat = torch.relu(self.neck(self.pool(x).flatten(1)))
        return tuple(self.heads[name](feat) for name in self.task_names)


if __name__ == "__main__":
    age, gender, emotion = MultiTaskNet()(torch.randn(4, 3, 64, 64))
    print(age.shape, gender.shape, emotion.shape)
