import torch
import torch.nn as nn
import torch.nn.functional as F

class CNNModelFlatten(nn.Module):
    def __init__(self):
        super(CNNModelFlatten, self).__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.flatten = nn.Flatten() # Use nn.Flatten module
        # Note: We don't know the precise input size of linear layer yet.
        # It will be dependent on the output of convolution layers 
        self.fc1 = nn.Linear(32*8*8, 128) # Calculated in the forward pass with an example input
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = self.flatten(x) # Flatten layer used here
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x


# Example usage with an input image of size 3x64x64
model_flatten = CNNModelFlatten()
input_tensor_flatten = torch.randn(1, 3, 64, 64)
output_flatten = model_flatten(input_tensor_flatten)
print("Output shape:", output_flatten.shape)
