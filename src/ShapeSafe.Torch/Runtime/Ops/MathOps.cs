using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Element-wise math (<c>torch.exp</c>, <c>x.floor()</c>, <c>torch.special.expm1</c>, <c>x.clamp_(0, 1)</c>,
/// <c>torch.nan_to_num</c>) under the spellings PyTorch 1.13 has: <c>t</c> (<c>torch.X</c>), <c>t_</c>
/// (<c>torch.X_</c>), <c>s</c> (<c>torch.special.X</c>), <c>m</c> / <c>m_</c> (<c>x.X()</c>, <c>x.X_()</c>). The
/// in-place spellings write the result into the input and return it. relu, sigmoid and tanh are in
/// <see cref="ActivationOps"/>, <c>torch.neg</c> and <c>x.neg()</c> in <see cref="OperatorOps"/>.
/// </summary>
internal static class MathOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Unary("exp", "t t_ m m_", (c, x) => x.exp()),
        .. Unary("exp2", "t t_ s m m_", (c, x) => x.exp2()),
        .. Unary("expm1", "t t_ s m m_", (c, x) => x.expm1()),
        .. Unary("log", "t t_ m m_", (c, x) => x.log()),
        .. Unary("log2", "t t_ m m_", (c, x) => x.log2()),
        .. Unary("log10", "t t_ m m_", (c, x) => x.log10()),
        .. Unary("log1p", "t t_ s m m_", (c, x) => x.log1p()),
        .. Unary("sqrt", "t t_ m m_", (c, x) => x.sqrt()),
        .. Unary("rsqrt", "t t_ m m_", (c, x) => x.rsqrt()),
        .. Unary("abs", "t t_ m m_", (c, x) => x.abs()),
        .. Unary("neg", "t_ m_", (c, x) => x.neg()),
        .. Unary("negative", "t t_ m m_", (c, x) => x.neg()),
        .. Unary("sin", "t t_ m m_", (c, x) => x.sin()),
        .. Unary("cos", "t t_ m m_", (c, x) => x.cos()),
        .. Unary("tan", "t t_ m m_", (c, x) => x.tan()),
        .. Unary("asin", "t t_ m m_", (c, x) => x.asin()),
        .. Unary("acos", "t t_ m m_", (c, x) => x.acos()),
        .. Unary("atan", "t t_ m m_", (c, x) => x.atan()),
        .. Unary("sinh", "t t_ m m_", (c, x) => x.sinh()),
        .. Unary("cosh", "t t_ m m_", (c, x) => x.cosh()),
        .. Unary("floor", "t t_ m m_", (c, x) => x.floor()),
        .. Unary("ceil", "t t_ m m_", (c, x) => x.ceil()),
        .. Unary("round", "t t_ s m m_", (c, x) => x.round(c.Long(-1, "decimals", 0))),
        .. Unary("trunc", "t t_ m m_", (c, x) => x.trunc()),
        .. Unary("frac", "t t_ m m_", (c, x) => x.frac()),
        .. Unary("sign", "t m m_", (c, x) => x.sign()),
        .. Unary("sgn", "t m m_", (c, x) => x.sgn()),
        .. Unary("reciprocal", "t t_ m m_", (c, x) => x.reciprocal()),
        .. Unary("square", "t t_ m m_", (c, x) => x.square()),
        .. Unary("erf", "t t_ s m m_", (c, x) => x.erf()),
        .. Unary("erfc", "t t_ s m m_", (c, x) => x.erfc()),
        .. Unary("erfinv", "t s m m_", (c, x) => x.erfinv()),
        .. Unary("bitwise_not", "t m m_", (c, x) => x.bitwise_not()),
        .. Unary("logical_not", "t m m_", (c, x) => x.logical_not()),
        .. Unary("isnan", "t m", (c, x) => x.isnan()),
        .. Unary("isinf", "t m", (c, x) => x.isinf()),
        .. Unary("isfinite", "t m", (c, x) => x.isfinite()),
        .. Unary("nan_to_num", "t t_ m m_", NanToNum),
        .. Unary("clamp", "t t_ m m_", (c, x) => Clamp(c, x, c.Get(1, "min"), c.Get(2, "max"))),
        .. Unary("clip", "t t_ m m_", (c, x) => Clamp(c, x, c.Get(1, "min"), c.Get(2, "max"))),
        .. Unary("clamp_min", "t t_ m m_", (c, x) => Clamp(c, x, c.Get(1, "min") ?? throw c.Fail("min is required"), null)),
        .. Unary("clamp_max", "t t_ m m_", (c, x) => Clamp(c, x, null, c.Get(1, "max") ?? throw c.Fail("max is required"))),
        .. Unary("bernoulli", "m", Bernoulli),
        .. Unary("positive", "t m", (c, x) => x.dtype == ScalarType.Bool ? throw c.Fail("The `+` operator, on a bool tensor is not supported.") : x),
        .. Unary("conj", "t m", (c, x) => x.is_complex() ? x.conj() : x),
        .. Unary("real", "t m", (c, x) => x.is_complex() ? real(x) : x),
        .. Unary("angle", "t m", (c, x) => x.angle()),
        .. Unary("deg2rad", "t t_ m m_", (c, x) => x.deg2rad()),
        .. Unary("rad2deg", "t t_ m m_", (c, x) => x.rad2deg()),
        .. Unary("lgamma", "t m m_", (c, x) => x.lgamma()),
        .. Unary("digamma", "t s m m_", (c, x) => x.digamma()),
        .. Unary("i0", "t t_ s m m_", (c, x) => x.i0()),
        .. Unary("sinc", "t t_ s m m_", (c, x) => x.sinc()),
        .. Unary("logit", "t t_ s m m_", (c, x) => x.logit(c.Get(1, "eps") is { } eps ? c.AsDouble(eps, "eps") : null)),
    ];

    private static IEnumerable<OpEntry> Unary(string name, string spellings, Func<OpCall, Tensor, Tensor> run)
    {
        Op outOfPlace = c => run(c, c.Tensor(0, "input"));
        Op inPlace = c =>
        {
            var x = c.Tensor(0, "input");
            return InPlace.Write(c, x, run(c, x));
        };
        foreach (var spelling in spellings.Split(' '))
        {
            yield return spelling switch
            {
                "t" => OpEntry.Function("torch." + name, outOfPlace),
                "t_" => OpEntry.Function("torch." + name + "_", inPlace),
                "s" => OpEntry.Function("torch.special." + name, outOfPlace),
                "m" => OpEntry.Method(name, outOfPlace),
                _ => OpEntry.Method(name + "_", inPlace),
            };
        }
    }

    private static Tensor NanToNum(OpCall c, Tensor x) =>
        x.nan_to_num(
            c.Get(1, "nan") is { } nan ? c.AsDouble(nan, "nan") : 0.0,
            c.Get(2, "posinf") is { } posinf ? c.AsDouble(posinf, "posinf") : null,
            c.Get(3, "neginf") is { } neginf ? c.AsDouble(neginf, "neginf") : null);

    /// <summary>clamp with numbers (an int bound keeps an integer tensor's type, a float one makes it float) or tensors.</summary>
    private static Tensor Clamp(OpCall c, Tensor x, object? min, object? max)
    {
        if (min is null && max is null)
        {
            throw c.Fail("At least one of 'min' or 'max' must not be None");
        }

        if (min is Tensor || max is Tensor)
        {
            var lo = min is null ? null : DTypeArgs.Operand(c, min, x, "min");
            var hi = max is null ? null : DTypeArgs.Operand(c, max, x, "max");
            var result = x.clamp(lo, hi);
            DTypeArgs.DisposeMade(lo, min);
            DTypeArgs.DisposeMade(hi, max);
            return result;
        }

        return x.clamp(min is null ? null : DTypeArgs.Scalar(c, min, "min"), max is null ? null : DTypeArgs.Scalar(c, max, "max"));
    }

    /// <summary>torch.bernoulli(input): draws 0/1 with the input's values as probabilities; with p (a float), with that probability.</summary>
    private static Tensor Bernoulli(OpCall c, Tensor x) =>
        c.Get(1, "p") is { } p ? empty_like(x).bernoulli_(c.AsDouble(p, "p")) : x.bernoulli();
}
