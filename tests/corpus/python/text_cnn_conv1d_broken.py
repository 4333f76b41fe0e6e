import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 4x50:int64
class TextCNN(nn.Module):
    def __init__(self, vocab_size=5000, embed_dim=128, num_filters=100, filter_sizes=(3, 4, 5), num_classes=2,
                 dropout=0.5):
        super(TextCNN, self).__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.convs = nn.ModuleList([
            nn.Conv1d(in_channels=embed_dim, out_channels=num_filters, kernel_size=fs)
            for fs in filter_sizes
        ])
        self.fc = nn.Linear(len(filter_sizes) * num_filters, num_classes)
        self.dropout = nn.Dropout(dropout)

    def forward(self, text):
        # text = [batch size, sent len]
        embedded = self.embedding(text)
        # embedded = [batch size, sent len, emb dim]
        # embedded = [batch size, emb dim, sent len]
        conved = [F.relu(conv(embedded)) for conv in self.convs]
        pooled = [F.max_pool1d(conv, conv.shape[2]).squeeze(2) for conv in conved]
        cat = self.dropout(torch.cat(pooled, dim=1))
        return self.fc(cat)


if __name__ == "__main__":
    model = TextCNN()
    tokens = torch.randint(0, 5000, (4, 50))
    print(model(tokens).shape)
