import torch
import torch.nn as nn


# shapesafe: input 3x6x16
class EncoderMasks(nn.Module):
    """Transformer encoders called with their masks, and MultiheadAttention on an unbatched 2-D query."""

    def __init__(self, dim=16):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(dim, 4, dim_feedforward=32, batch_first=True)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(dim, 2, 32, norm_first=True), num_layers=2)
        self.attn = nn.MultiheadAttention(dim, 4)

    def forward(self, x):
        padding = x[:, :, 0] > 1.5
        y = self.layer(x, x[0, :, :6], padding)
        z = self.encoder(y.transpose(0, 1), mask=x[1, :, 1:7] > 1.5, src_key_padding_mask=padding)
        q = x[0]
        a, weights = self.attn(q, q * 0.5, q, key_padding_mask=padding[0], average_attn_weights=False)
        return z.transpose(0, 1) + a, weights
