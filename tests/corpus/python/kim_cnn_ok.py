import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 8x40:int64
class KimCNN(nn.Module):
    def __init__(self, embed_num=10000, embed_dim=300, class_num=5, kernel_num=100, kernel_sizes=(3, 4, 5),
                 dropout=0.5):
        super(KimCNN, self).__init__()
        V = embed_num
        D = embed_dim
        C = class_num
        Ci = 1
        Co = kernel_num
        Ks = kernel_sizes

        self.embed = nn.Embedding(V, D)
        self.convs1 = nn.ModuleList([nn.Conv2d(Ci, Co, (K, D)) for K in Ks])
        self.dropout = nn.Dropout(dropout)
        self.fc1 = nn.Linear(len(Ks) * Co, C)

    def forward(self, x):
        x = self.embed(x)  # (N, W, D)
        x = x.unsqueeze(1)  # (N, Ci, W, D)
        x = [F.relu(conv(x)).squeeze(3) for conv in self.convs1]  # [(N, Co, W), ...]*len(Ks)
        x = [F.max_pool1d(i, i.size(2)).squeeze(2) for i in x]  # [(N, Co), ...]*len(Ks)
        x = torch.cat(x, 1)
        x = self.dropout(x)  # (N, len(Ks)*Co)
        logit = self.fc1(x)  # (N, C)
        return logit


if __name__ == "__main__":
    print(KimCNN()(torch.randint(0, 10000, (8, 40))).shape)
