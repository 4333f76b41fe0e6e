import torch
import torch.nn as nn


# shapesafe: input 3x4x5, 3x4x5, 3x4x5:int64
class ElementwiseBinary(nn.Module):
    """Binary ops as torch.X, x.X(y), x.X_(y) and x.__X__(y): alpha, rounding_mode, integer division promoting to float,
    floor_divide/remainder/fmod signs on negatives, Python numbers that keep float32, comparisons and their aliases,
    logical and bitwise ops, masked_fill, lerp, rsub, where (three arguments and the method), gather,
    flip, roll and the cumulative ops."""

    def forward(self, x, y, k):
        j = k - 5
        a = torch.add(x, y, alpha=2) + x.add(y) + x.add(3, alpha=0.5) + x.__add__(y) + torch.sub(x, y, alpha=3) + x.sub(1.5) + x.__sub__(y) + torch.subtract(x, y) + x.subtract(y, alpha=2)
        b = torch.mul(x, y) + x.mul(2) + x.__mul__(y) + torch.multiply(x, 3) + x.multiply(y) + torch.div(x, y.abs() + 1) + x.div(4) + x.__div__(2) + torch.divide(x, 3) + x.divide(y.abs() + 1) + torch.true_divide(x, 2) + x.true_divide(y.abs() + 1)
        c = torch.div(j, 2).float() + (j / 3) + torch.true_divide(j, 4) + j.div(3, rounding_mode='floor').float() + torch.div(j, 3, rounding_mode='trunc').float() + torch.div(x * 5, 2, rounding_mode='floor') + x.mul(5).div(y.abs() + 1, rounding_mode='trunc')
        d = torch.floor_divide(j, 3).float() + j.floor_divide(-4).float() + torch.floor_divide(x * 5, 2) + torch.remainder(j, 3).float() + j.remainder(-4).float() + torch.remainder(x * 5, -2) + torch.fmod(j, 3).float() + j.fmod(-4).float() + torch.fmod(x * 5, 2)
        e = torch.pow(x, 2) + x.pow(3) + x.__pow__(2) + torch.pow(x.abs() + 1, y) + torch.pow(2, x) + torch.pow(j, 2).float() + j.pow(3).float()
        f = torch.maximum(x, y) + x.maximum(y) + torch.minimum(x, y) + x.minimum(y) + torch.fmax(x, y) + x.fmax(y) + torch.fmin(x, y) + x.fmin(y) + torch.atan2(x, y) + x.atan2(y)
        g = torch.eq(x, y).float() + x.eq(0.5).float() + x.__eq__(y).float() + torch.ne(x, y).float() + x.ne(y).float() + x.__ne__(y).float() + torch.lt(x, y).float() + x.lt(0).float() + x.__lt__(y).float()
        h = torch.le(x, y).float() + x.le(y).float() + x.__le__(0.1).float() + torch.gt(x, y).float() + x.gt(y).float() + x.__gt__(y).float() + torch.ge(x, y).float() + x.ge(y).float() + x.__ge__(y).float()
        i = torch.not_equal(j, 2).float() + j.not_equal(k).float() + torch.less(x, y).float() + x.less(y).float() + torch.less_equal(x, 0).float() + x.less_equal(y).float() + torch.greater(x, y).float() + x.greater(0).float() + torch.greater_equal(x, y).float() + x.greater_equal(y).float()
        m = (x > 0)
        n = (y > 0)
        l = torch.logical_and(m, n).float() + m.logical_and(n).float() + torch.logical_or(x, y).float() + m.logical_or(n).float() + torch.logical_xor(m, n).float() + m.logical_xor(y).float()
        bw = torch.bitwise_and(k, 6) + k.bitwise_and(j) + torch.bitwise_or(k, 3) + k.bitwise_or(j) + torch.bitwise_xor(k, j) + k.bitwise_xor(5) + torch.bitwise_and(m, n).long() + m.bitwise_or(n).long()
        o = torch.hypot(x, y) + x.hypot(y) + torch.copysign(x, y) + x.copysign(y) + torch.xlogy(x.abs(), y.abs()) + x.xlogy(2) + torch.xlogy(2, y.abs()) + torch.masked_fill(x, m, 0.25) + x.masked_fill(n, -1)
        p = torch.lerp(x, y, 0.3) + x.lerp(y, torch.sigmoid(y)) + torch.rsub(x, y) + torch.rsub(x, 2, alpha=3) + x.__rsub__(1) + torch.rsub(j, 10).float()
        w = torch.where(m, x, y) + torch.where(m, x, 0.5) + torch.where(n, 1.0, y) + x.where(m, y) + torch.where(m, 1.0, 0.0)
        ga = torch.gather(x, 2, k.clamp(0, 4)) + x.gather(1, k[:, :, :].clamp(0, 3)) + torch.gather(x, 0, k.clamp(0, 2)[:2], sparse_grad=False).sum()
        fl = torch.flip(x, [0, 2]) + x.flip(1) + x.flip(0, 1) + x.flip((1, 2)) + torch.fliplr(x) + x.fliplr() + torch.flipud(x) + x.flipud()
        ro = torch.roll(x, 1) + torch.roll(x, shifts=2, dims=1) + x.roll((1, -2), (0, 2)) + x.roll(-3) + x.roll(shifts=1, dims=-1)
        cu = torch.cumsum(x, 1) + x.cumsum(dim=2) + torch.cumprod(x, 0) + x.cumprod(2) + torch.logcumsumexp(x, 1) + x.logcumsumexp(0) + torch.cumsum(x, 1, dtype=torch.float64).float()
        cmax = torch.cummax(x, 1)
        cmin_v, cmin_i = torch.cummin(x, dim=2)
        ck = torch.cumsum(k, 1) + k.cumprod(0) + torch.cumsum(j, 2, dtype=torch.int64)
        s = x.clone()
        s.add_(y, alpha=2)
        s.sub_(1).mul_(y).div_(2).div_(y.abs() + 1, rounding_mode='floor').pow_(2)
        s.subtract_(y).multiply_(3).divide_(4).true_divide_(2).floor_divide_(0.3).remainder_(3).fmod_(2)
        s.atan2_(y).hypot_(y).copysign_(x).xlogy_(2).lerp_(y, 0.5).masked_fill_(m, 0.0)
        t = x.clone()
        t.eq_(y)
        t2 = x.clone()
        t2.lt_(y)
        t2.add_(x.le(y))
        t3 = x.clone()
        t3.ne_(0.5).gt_(0.5).ge_(0).le_(1).not_equal_(1).less_(0.5).less_equal_(0).greater_(-1).greater_equal_(1)
        lg = m.clone()
        lg.logical_and_(n).logical_or_(m).logical_xor_(n)
        kb = k.clone()
        kb.bitwise_and_(6).bitwise_or_(j).bitwise_xor_(3)
        kb.add_(1).sub_(2).mul_(j).floor_divide_(3).remainder_(7).fmod_(5).pow_(2)
        return a, b, c, d, e, f, g, h, i, l, bw, o, p, w, ga, fl, ro, cu, cmax[0], cmax[1], cmin_v, cmin_i, ck, s, t, t2, t3, lg.float(), kb
