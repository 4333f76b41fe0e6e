import torch
import torch.nn as nn
import torch.nn.functional as F

class CNNModel(nn.Module):
    def __init__(self):
        super(CNNModel, self).__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1) # Assuming 3 input channels (RGB)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        # Note: We don't know the precise input size of linear layer yet.
        # It will be dependent on the output of convolution layers 

        self.fc1 = nn.Linear(32 * 8 * 8 , 128) # Calculated in the forward pass with an example input
        self.fc2 = nn.Linear(128, 10) # Assuming 10 output classes

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))

        # Get the correct shape of the output after convolution and before flattening for future reference
        conv_shape = x.shape

        # Calculate the number of elements in the output feature maps
        num_features = x.view(x.size(0), -1).shape[1] 

        x = x.view(-1, num_features)  # Flatten operation
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x

# Example usage with an input image of size 3x64x64
model = CNNModel()
input_tensor = torch.randn(1, 3, 64, 64)
output = model(input_tensor)
print("Output shape:", output.shape)
