using Google.Protobuf;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Issue #9: the graph runtime's element-wise ops (activations in every spelling, unary math, named binaries and
/// comparisons, casts, in-place fills, gather/flip/roll, the cumulative ops, dropout in eval, normalize, LRN,
/// instance_norm) export to ONNX that gives the TorchSharp graph runtime's output on ONNX Runtime (batch 1 and 3, to
/// 1e-4). Each case keeps its inputs in the ops' domains; in-place spellings are checked through the name they rebind.
/// </summary>
public sealed class ElementwiseParityTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "exp_log_family", "Nx3x8", "pass|a = x.abs() + 0.5; y = torch.exp2(x) + torch.special.expm1(x) + x.expm1() + torch.log2(a) + a.log10() + torch.log1p(x * 0.5) + torch.special.exp2(x) + torch.special.log1p(x.abs()) + x.exp2() + a.log2() + torch.log10(a) + x.abs().log1p()|return y", "Log" },
        { "in_place_unary", "Nx3x8", "pass|y = x * 1; y.exp_(); z = x.abs() + 1; z.log_(); z.sqrt_(); w = x * 2; w.abs_(); w.neg_(); v = x.abs() + 1; torch.rsqrt_(v); torch.exp2_(y); u = x * 1; u.negative_(); torch.sin_(u)|return y + z + w + v + u", "Exp" },
        { "trigonometry", "Nx3x8", "pass|y = torch.sin(x) + x.cos() + torch.tan(x) + torch.asin(x * 0.9) + (x * 0.9).acos() + torch.atan(x) + x.sinh() + torch.cosh(x) + x.tan() + x.asin() * 0.5 + torch.acos(x * 0.5) + x.atan()|return y", "Asin" },
        { "rounding", "Nx3x8", "pass|y = torch.floor(x * 4) + (x * 4).ceil() + torch.round(x * 4) + torch.round(x, decimals=1) + (x * 4).trunc() + torch.frac(x * 4) + torch.special.round(x * 3) + (x * 40).round(decimals=-1) + x.frac()|return y", "Round" },
        { "sign_and_friends", "Nx3x8", "pass|y = torch.sign(x) + x.sgn() + torch.reciprocal(x.abs() + 0.5) + x.square() + torch.square(x) + torch.negative(x) + x.positive() + torch.conj(x) + torch.real(x) + torch.angle(x) + abs(x) + torch.sgn(x) + x.negative()|return y", "Sign" },
        { "integer_unary", "Nx3x8", "pass|i = torch.arange(24).view(3, 8) - 11; j = i.abs() + torch.sign(i) + i.square() + i.negative() + torch.floor(i) + i.clamp(-3, 4) + i.clip(min=-2) + torch.clamp(i, max=2) + torch.clamp_min(i, 1)|return x + j", "Clip" },
        { "erf_family", "Nx3x8", "pass|y = torch.erf(x) + x.erfc() + torch.special.erf(x) + torch.special.erfc(x) + x.erf()|return y", "Erf" },
        { "masks", "Nx3x8", "pass|m = torch.isnan(x) \\| x.isinf(); f = torch.isfinite(x); y = x * f + m + torch.logical_not(x > 0) + (x > 0).logical_not() + torch.bitwise_not(x < 0) + x * x.isnan() + x.logical_not()|return y", "IsNaN" },
        { "nan_to_num_and_clamps", "Nx3x8", "pass|z = x * 1; z.clamp_(-0.2, 0.2); w = x * 1; torch.clip_(w, max=0.3); y = torch.nan_to_num(x) + torch.clip(x, -0.5, 0.5) + x.clamp_min(0.1) + torch.clamp_max(x, 0.2) + x.clip(min=-0.3) + x.clip(x * 0.5, x * 0.5 + 0.1) + torch.clamp(x, min=x * 0.2) + x.clamp(-0.1, 0.1) + torch.nan_to_num(x, nan=1.0, posinf=2.0) + x.clamp_max(x * 0.2)|return y + z + w", "Clip" },
        { "angles_sinc_logit", "Nx3x8", "pass|y = torch.deg2rad(x) + x.rad2deg() + torch.sinc(x) + torch.special.sinc(x) + torch.logit(x.abs() * 0.8 + 0.1) + x.abs().logit(eps=0.2) + torch.special.logit(x.abs() * 0.5 + 0.2, 0.1)|return y", "Sin" },
        { "activations", "Nx3x8", "pass|y = F.selu(x) + torch.selu(x) + F.celu(x, 0.5) + torch.celu(x) + F.mish(x) + F.hardtanh(x, -0.5, 0.5) + F.softsign(x) + F.tanhshrink(x) + F.logsigmoid(x) + F.hardshrink(x, 0.3) + x.hardshrink() + torch.hardshrink(x, 0.2) + F.softshrink(x, 0.2) + F.threshold(x, 0.1, -1.0) + torch.threshold(x, 0.0, 0.5) + F.rrelu(x) + torch.rrelu(x, 0.1, 0.3)|return y", "Selu" },
        { "in_place_activations", "Nx3x8", "pass|y = x * 1; F.relu_(y); z = x * 1; torch.sigmoid_(z); w = x * 1; w.tanh_(); v = x * 1; F.leaky_relu_(v, 0.2); u = x * 1; F.elu_(u); t = x * 1; F.hardtanh_(t); s = x * 1; torch.celu_(s); r = x * 1; F.threshold_(r, 0.0, 2.0); q = x * 1; q.relu_(); p = x * 1; F.selu_(p); o = x * 1; torch.relu_(o); n = x * 1; n.sigmoid_(); k = x * 1; F.rrelu_(k); j = x * 1; F.celu(j, inplace=True)|return y + z + w + v + u + t + s + r + q + p + o + n + k + j", "Relu" },
        { "prelu", "Nx3x8", "self.w = nn.Parameter(torch.rand(3))|y = F.prelu(x, self.w) + torch.prelu(x, self.w) + x.prelu(self.w)|return y", "PRelu" },
        { "softmax_family", "Nx3x8", "pass|y = F.softmin(x, 1) + torch.special.softmax(x, -1) + torch.special.log_softmax(x, 2, dtype=torch.float32) + F.softmin(x, dim=2, dtype=torch.float32)|return y", "Softmax" },
        { "dropout_in_eval", "Nx3x8", "pass|y = F.dropout1d(x, 0.5, self.training) + F.alpha_dropout(x, 0.2) + torch.alpha_dropout(x, 0.3, False) + F.feature_alpha_dropout(x) + torch.feature_alpha_dropout(x, 0.5, self.training) + F.dropout3d(x.unsqueeze(1), training=False).squeeze(1)|return y", "Identity" },
        { "normalizations", "Nx3x8", "pass|y = F.normalize(x) + F.normalize(x, p=1.0, dim=2) + F.normalize(x, 3.0, 1) + F.local_response_norm(x, 3) + F.instance_norm(x)|return y", "LRN" },
        { "local_response_norm_4d", "Nx5x4x4", "pass|y = F.local_response_norm(x, 3, alpha=0.01, beta=0.5, k=2.0)|return y", "LRN" },
        { "named_binaries", "Nx3x8", "pass|a = x.abs() + 0.5; y = torch.subtract(x, a, alpha=2) + x.multiply(a) + torch.divide(x, a) + x.true_divide(a) + torch.fmod(x * 5, a) + x.fmod(0.3) + x.divide(a, rounding_mode='floor') + x.__div__(a) + torch.multiply(x, 3) + x.subtract(a) + torch.true_divide(x, 2)|return y", "Mod" },
        { "in_place_binaries", "Nx3x8", "pass|y = x * 1; y.add_(x, alpha=0.5); y.sub_(0.1); y.mul_(x); y.div_(2.0); z = x * 3; z.floor_divide_(0.7); w = x * 2; w.remainder_(0.3); v = x.abs() + 0.1; v.pow_(2); u = x * 1; u.subtract_(x * 0.5); u.multiply_(2); u.divide_(4.0); u.true_divide_(0.5); t = x * 5; t.fmod_(0.3)|return y + z + w + v + u + t", "Mul" },
        { "extremes_and_geometry", "Nx3x8", "pass|y = torch.fmax(x, x * -1) + x.fmin(x * 0.5) + x.maximum(x * 0.3) + x.minimum(x * -0.2) + torch.atan2(x, x * 0.5 - 0.2) + x.atan2(x[0]) + torch.hypot(x, x * 2) + torch.copysign(x, x - 0.1) + x.copysign(-1.0) + torch.xlogy(x, x.abs() + 0.2) + x.xlogy(2.0); z = x * 1; z.atan2_(x * 0.3 + 0.1); z.hypot_(x); z.copysign_(x); z.xlogy_(x.abs() + 1)|return y + z", "Atan" },
        { "comparisons", "Nx3x8", "pass|z = x * 1; z.gt_(0.2); w = x * 1; w.less_equal_(0); v = x * 1; v.ne_(x * 2)|return z + w + v + x * torch.eq(x, x * 2) + x * x.ne(0.2) + x * x.__lt__(0.1) + x * torch.le(x, 0.3) + x * x.gt(-0.1) + x * torch.ge(x, x[0]) + x * torch.not_equal(x, 0) + x * x.less(0.5) + x * torch.less_equal(x, 0.2) + x * x.greater(0.0) + x * torch.greater_equal(x, 0.1) + x * x.__le__(0) + x * x.__gt__(0) + x * x.__ge__(0) + x * x.__eq__(x) + x * x.__ne__(x) + x * torch.lt(x, 0) + x * torch.gt(x, 0)", "Greater" },
        { "logical_and_bitwise", "Nx3x8", "pass|m = torch.logical_and(x > 0, x < 0.5); n = (x > 0.2).logical_or(x < -0.5); k = torch.logical_xor(x > 0, x > 0.4); b = torch.bitwise_and(x > 0, x < 0.3); c = (x > 0).bitwise_or(x < -0.3); d = torch.bitwise_xor(x > 0, x > 0.1); e = x * 1; e.logical_and_(x > 0); f = x * 1; f.logical_or_(x); g = x > 0; g.bitwise_and_(x < 0.5); h = x.logical_xor(x * 0)|return x * m + x * n + x * k + x * b + x * c + x * d + e + f + x * g + h", "And" },
        { "selections", "Nx3x8", "pass|y = x.masked_fill(x > 0.5, 2.0) + torch.masked_fill(x, x < 0, -1.0) + torch.lerp(x, x * 2, 0.3) + x.lerp(x + 1, 0.7) + x.lerp(x * 3, x.abs()) + torch.rsub(x, 1.5) + x.__rsub__(2.0) + torch.where(x > 0, x, x * 0.1) + x.where(x < 0.2, 0.0) + torch.rsub(x, x * 3, alpha=2); z = x * 1; z.masked_fill_(x > 0, 0.5); w = x * 1; w.lerp_(x * 0.5, 0.25)|return y + z + w", "Where" },
        { "casts", "Nx3x8", "pass|i = torch.arange(24).view(3, 8); y = x.to(torch.float32) + i.to(x) + i.to(torch.float32) + x.long() * 0.5 + (x * 4).long() + x.bool() + i.type(torch.float32) + (x > 0).type_as(x) + x.cpu() + torch.clone(x) + torch.detach(x) + x.to('cpu') + (x * 3).to(torch.int64) + x.to(dtype=torch.long) + (x > 0).long() + i.type_as(x) + x.to_dense()|return y", "Cast" },
        { "fills", "Nx3x8", "pass|y = x * 1; y.zero_(); z = x * 1; z.fill_(0.5); w = x * 1; w.copy_(x * 2); v = x * 1; v.index_fill_(2, torch.arange(0, 8, 3), -1.0); u = x * 1; u.scatter_(2, torch.arange(8).flip(0).view(1, 1, 8).expand(x.size(0), 3, 8), 1.5); c = x * 1; c.cumsum_(1); s = x * 1; s.scatter_(1, torch.arange(3).view(1, 3, 1).expand(x.size(0), 3, 8), x * 2, reduce='add')|return y + z + w + v + u + c + s", "ScatterElements" },
        { "gather_flip_roll", "Nx3x8", "pass|i = torch.arange(8).flip(0).view(1, 1, 8).expand(x.size(0), 3, 8); y = torch.gather(x, 2, i) + x.gather(2, i) + x.flip(1) + torch.flip(x, [1, 2]) + x.flip(2, 1) + torch.roll(x, 2, 2) + x.roll((1, -3), (1, 2)) + torch.fliplr(x) + x.flipud() + x.fliplr() + torch.flipud(x) + x.roll(-9, 2) + x.flip(dims=(0,))|return y", "GatherElements" },
        { "integer_paths", "Nx3x8", "pass|i = torch.arange(24).view(3, 8) - 11; j = torch.where(i > 0, i, i * 2) + i.flip(1) + torch.cumsum(i, 1) + i.cumprod(0) + torch.gather(i, 1, i.abs() % 8) + i.roll(3, 1) + i.maximum(i * -1) + torch.fmod(i, 5) + i.masked_fill(i < 0, 7); v, k = torch.cummax(i, 1); m = i.ge(2) & torch.logical_or(i, i > 3); y = x + j + v + k + (x.argmax(1, keepdim=True) > 0).long() + x * m + x * i.eq(3) + x * i.isnan()|return y", "GatherElements" },
        { "augmented_assignment_aliases", "Nx3x8", "pass|y = x * 1; z = y; y += 1; y *= x; w = x * 2; v = w; w.mul_(3)|return z + v + y", "Mul" },
        { "cumulative", "Nx3x8", "pass|v, j = torch.cummax(x, 2); w, k = torch.cummin(x, 1); y = torch.cumsum(x, 2) + x.cumsum(1) + torch.cumprod(x, 2) + x.cumprod(1) + torch.logcumsumexp(x, 2) + x.logcumsumexp(1)|return y + v + w + j + k", "CumSum" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportMatchesTheGraphRuntime(string name, string input, string lines, string op) =>
        InlineModelParity.Assert(name, input, lines, n => n.OpType == op);

    [PythonOnnxTheory]
    [MemberData(nameof(Cases))]
    public void ExportedFilePassesTheFullCheck(string name, string input, string lines, string op) =>
        InlineModelParity.AssertFullCheck(name, input, lines, op);

    /// <summary>The random in-place fills: each draw has PyTorch's support (the values themselves are random on both sides).</summary>
    public static TheoryData<string, string, string, float, float> RandomFills => new()
    {
        { "uniform_", "RandomUniformLike", "y = x * 1; y.uniform_(2, 3)", 2f, 3f },
        { "normal_", "RandomNormalLike", "y = x * 1; y.normal_(5.0, 0.01)", 4.9f, 5.1f },
        { "exponential_", "RandomUniformLike", "y = x * 1; y.exponential_(2.0)", 0f, float.PositiveInfinity },
        { "log_normal_", "RandomNormalLike", "y = x * 1; y.log_normal_(0.0, 0.5)", 0f, float.PositiveInfinity },
        { "cauchy_", "RandomUniformLike", "y = x * 1; y.cauchy_()", float.NegativeInfinity, float.PositiveInfinity },
        { "bernoulli_", "Bernoulli", "y = x * 1; y.bernoulli_(0.3)", 0f, 1f },
        { "bernoulli", "Bernoulli", "y = (x.abs() * 0.5).bernoulli()", 0f, 1f },
    };

    [Theory]
    [MemberData(nameof(RandomFills))]
    public void RandomFillsDrawFromPyTorchsSupport(string name, string op, string forward, float low, float high)
    {
        var (model, exported) = InlineModelParity.Export(name, "Nx3x8", $"pass|{forward}|return y");
        using (model)
        {
            Assert.Contains(exported.Graph.Node, n => n.OpType == op);
        }

        using var folder = new TempFolder();
        var path = folder.File(name + ".onnx");
        File.WriteAllBytes(path, exported.ToByteArray());
        using var onnx = OnnxModel.Load(path);
        var output = Assert.Single(onnx.RunAll(new float[2 * 3 * 8], [2, 3, 8]));
        Assert.Equal([2, 3, 8], output.Shape);
        Assert.All(output.Data, v => Assert.InRange(v, low, high));
        if (op == "Bernoulli")
        {
            Assert.All(output.Data, v => Assert.True(v is 0f or 1f, $"{name} drew {v}"));
        }
    }
}
