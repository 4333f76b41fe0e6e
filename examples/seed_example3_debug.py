import torch
import torch.nn as nn
import torch.nn.functional as F

class CNNModelDebug(nn.Module):
    def __init__(self):
        super(CNNModelDebug, self).__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(50 , 128) # Incorrect value that leads to an error
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        print("Initial x shape:", x.shape)
        x = self.pool(F.relu(self.conv1(x)))
        print("After conv1 and pool shape:", x.shape)
        x = self.pool(F.relu(self.conv2(x)))
        print("After conv2 and pool shape:", x.shape)
        x = x.view(x.size(0), -1) # Attempt to flatten without correctly computing shape
        print("After view/flatten shape:", x.shape)
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x
try:
    model_debug = CNNModelDebug()
    input_tensor_debug = torch.randn(1, 3, 64, 64)
    output_debug = model_debug(input_tensor_debug)
except Exception as e:
   import traceback
   print("Caught error:", e)
   print("Error traceback: ")
   traceback.print_exc()

