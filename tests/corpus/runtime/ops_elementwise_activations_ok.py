import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 2x4x5x6
class ElementwiseActivations(nn.Module):
    """Every activation spelling PyTorch 1.13 has (F.X, F.X_, torch.X, torch.X_, x.X(), x.X_()), inplace=True as a
    keyword and positionally, gelu's approximate, softmax/log_softmax/softmin with dim and dtype, the dropout family
    outside training, normalize, local_response_norm and instance_norm. In-place results show in later outputs."""

    def __init__(self):
        super().__init__()
        self.slope = nn.Parameter(torch.full((4,), 0.2))

    def forward(self, x):
        y = x.clone()
        a = F.relu(y, inplace=True)
        b = y * 2
        z = x.clone()
        torch.relu_(z)
        w = x.clone()
        w.relu_()
        c = F.relu6(x * 4) + F.leaky_relu(x, 0.2) + F.elu(x, alpha=0.5) + F.selu(x) + F.celu(x, 0.7)
        d = F.gelu(x) + F.gelu(x, approximate='tanh') + F.silu(x) + F.mish(x) + F.hardswish(x) + F.hardsigmoid(x)
        e = F.hardtanh(x, min_val=-0.5, max_val=0.5) + F.softplus(x, beta=2.0, threshold=1.0) + F.softsign(x)
        f = F.tanhshrink(x) + F.logsigmoid(x) + F.hardshrink(x, 0.3) + F.softshrink(x, lambd=0.4)
        g = F.threshold(x, 0.1, 20.0) + F.rrelu(x) + F.prelu(x, self.slope) + torch.prelu(x, self.slope) + x.prelu(self.slope)
        h = torch.selu(x) + torch.celu(x) + torch.threshold(x, 0.2, -1.0) + torch.rrelu(x, 0.1, 0.3) + torch.hardshrink(x) + x.hardshrink(0.2)
        s = x.clone()
        F.leaky_relu(s, 0.1, True)
        F.elu_(s, 0.3)
        F.hardtanh_(s, -0.8, 0.8)
        F.threshold_(s, -0.5, -0.25)
        t = x.clone()
        F.leaky_relu_(t)
        F.relu6(t, inplace=True)
        torch.sigmoid_(t)
        u = x.clone()
        F.selu_(u)
        F.celu_(u, alpha=0.9)
        torch.selu_(u)
        torch.celu_(u)
        F.rrelu_(u)
        torch.rrelu_(u)
        torch.threshold_(u, 0.0, 0.5)
        u.sigmoid_()
        v = x.clone()
        F.relu_(v)
        F.silu(v, inplace=True)
        F.mish(v, inplace=True)
        F.hardswish(v, inplace=True)
        F.hardsigmoid(v, inplace=True)
        F.selu(v, inplace=True)
        torch.tanh_(v)
        v.tanh_()
        k = torch.sigmoid(x) + torch.tanh(x) + x.sigmoid() + x.tanh() + F.sigmoid(x) + F.tanh(x) + torch.relu(x) + x.relu()
        m = F.softmax(x, dim=1) + torch.softmax(x, 2) + x.softmax(-1) + torch.special.softmax(x, 3)
        n = F.log_softmax(x, 1, dtype=torch.float64).float() + torch.log_softmax(x, dim=2) + x.log_softmax(3) + torch.special.log_softmax(x, 0)
        o = F.softmin(x, dim=1) + x.softmax(1, torch.float64).float() + torch.softmax(x, dim=0, dtype=torch.float64).float()
        p = F.softmax(x[0, 0], dim=None)
        q = F.dropout(x, 0.5, training=False) + F.dropout1d(x[0], p=0.3, training=False) + F.dropout2d(x, training=False) + F.dropout3d(x, 0.2, False)
        r = F.alpha_dropout(x, 0.5) + F.feature_alpha_dropout(x) + torch.dropout(x, 0.4, False) + torch.alpha_dropout(x, 0.1, False) + torch.feature_alpha_dropout(x, 0.1, False)
        n2 = F.normalize(x) + F.normalize(x, p=1.0, dim=2) + F.local_response_norm(x, 3) + F.instance_norm(x) + F.instance_norm(x, eps=1e-3)
        sm = F.softmin(x, 2, dtype=torch.float64).float() + torch.special.softmax(x, 1, dtype=torch.float64).float()
        return a, b, z, w, c, d, e, f, g, h, s, t, u, v, k, m, n, o, p, q, r, n2, sm
