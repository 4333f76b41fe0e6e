import torch.nn as nn
import torch.nn.functional as F


# sum() over tensors adds them (0 + a + b, broadcasting); F.glu halves its dim and needs it even.
# shapesafe: input 2x6
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 6)

    def forward(self, x):
        y = self.fc(x)
        odd = F.glu(y[:, :5], 1)  # E: SS0415
        return F.glu(sum([y, x, y[:1]]))  # output: 2x3
