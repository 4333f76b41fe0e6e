import torch
import torch.nn as nn


# shapesafe: input 4x12:int64
class SequenceLayers(nn.Module):
    """Every sequence layer the graph runtime builds, in the variants the corpus models do not use."""

    def __init__(self, vocab=10, dim=16, hidden=8):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim, padding_idx=0)
        self.gru = nn.GRU(dim, hidden, num_layers=2, batch_first=True, dropout=0.2)
        self.rnn = nn.RNN(hidden, hidden, nonlinearity="relu", bidirectional=True)
        self.attn = nn.MultiheadAttention(2 * hidden, 2, batch_first=True)
        layer = nn.TransformerEncoderLayer(2 * hidden, 4, dim_feedforward=32, activation="gelu", batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2, norm=nn.LayerNorm(2 * hidden))
        self.lstm = nn.LSTM(2 * hidden, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 3)

    def forward(self, tokens):
        x = self.embed(tokens)
        x, h = self.gru(x)
        x = x.transpose(0, 1)
        x, _ = self.rnn(x)
        x = x.transpose(0, 1)
        a, weights = self.attn(x, x, x)
        x = self.encoder(x + a)
        out, (h, c) = self.lstm(x)
        return self.head(out[:, -1]), weights, h, c
