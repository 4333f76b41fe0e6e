import torch.nn as nn


# unsqueeze_, transpose_, squeeze_ and t_ change the tensor itself: later reads see the new shape.
# shapesafe: input 2x3x4
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 5)

    def forward(self, x):
        y = x * 1.0
        y.unsqueeze_(0)
        y.transpose_(1, 3)
        y.squeeze_(0)
        z = y.sum(2)
        z.t_()
        return self.fc(z)  # output: 3x5
