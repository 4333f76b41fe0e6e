import torch
import torch.nn as nn


class SelfAttention(nn.Module):
    """Self attention layer from SAGAN."""

    def __init__(self, in_dim):
        super(SelfAttention, self).__init__()
        self.chanel_in = in_dim
        self.query_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim // 8, kernel_size=1)
        self.key_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim // 4, kernel_size=1)
        self.value_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim, kernel_size=1)
        self.gamma = nn.Parameter(torch.zeros(1))
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, x):
        m_batchsize, C, width, height = x.size()
        proj_query = self.query_conv(x).view(m_batchsize, -1, width * height).permute(0, 2, 1)  # B X N X C'
        proj_key = self.key_conv(x).view(m_batchsize, -1, width * height)  # B X C' x N
        energy = torch.bmm(proj_query, proj_key)  # B X N X N
        attention = self.softmax(energy)
        proj_value = self.value_conv(x).view(m_batchsize, -1, width * height)  # B X C X N

        out = torch.bmm(proj_value, attention.permute(0, 2, 1))
        out = out.view(m_batchsize, C, width, height)

        out = self.gamma * out + x
        return out


# shapesafe: input 4x3x32x32
class AttnDiscriminator(nn.Module):
    def __init__(self, ndf=64):
        super(AttnDiscriminator, self).__init__()
        self.l1 = nn.Sequential(nn.Conv2d(3, ndf, 4, 2, 1), nn.LeakyReLU(0.1))
        self.l2 = nn.Sequential(nn.Conv2d(ndf, ndf * 2, 4, 2, 1), nn.LeakyReLU(0.1))
        self.attn1 = SelfAttention(ndf * 2)
        self.l3 = nn.Sequential(nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1), nn.LeakyReLU(0.1))
        self.last = nn.Conv2d(ndf * 4, 1, 4)

    def forward(self, x):
        out = self.l1(x)
        out = self.l2(out)
        out = self.attn1(out)
        out = self.l3(out)
        out = self.last(out)
        return out.squeeze()


if __name__ == "__main__":
    print(AttnDiscriminator()(torch.randn(4, 3, 32, 32)).shape)
