# DO NOT RUN THIS FILE AS A SCRIPT: its top level deletes files. It exists to prove that tools which load
# corpus models (the ground-truth script, the static checker) never execute a model file's top-level statements.
import os
import shutil

import torch
import torch.nn as nn

shutil.rmtree("/tmp/shapesafe-danger-canary")
os.remove("/tmp/shapesafe-danger-canary.txt")
CLEANUP_STATUS = os.system("rm -rf /tmp/shapesafe-danger-canary")
DATA_DIR = os.environ.get("DATA_DIR", "/tmp")


# shapesafe: input 2x3x32x32
class SmallCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(32 * 8 * 8, num_classes)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        return self.fc(x.flatten(1))


shutil.rmtree(os.path.join(DATA_DIR, "shapesafe-danger-canary"))

if __name__ == "__main__":
    print(SmallCNN()(torch.randn(2, 3, 32, 32)).shape)
