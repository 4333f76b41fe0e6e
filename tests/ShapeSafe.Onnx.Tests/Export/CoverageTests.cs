using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;
using ShapeSafe.Torch.Runtime;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Issue #9: every function, method and operator the graph runtime runs maps to ONNX, except the listed ones, each with
/// its reason; a model that uses one of those gets SS0250 naming the call and its line, never a broken file.
/// </summary>
public sealed class CoverageTests
{
    private const string SpecialFunction = "ONNX opset 17 has no erfinv, lgamma, digamma or Bessel function, and no composition of its ops computes them exactly";

    private const string OtherDType = "the exporter's values are float32, int64 and bool; a float64, float16, bfloat16, int32, int16, int8 or uint8 tensor written as one of them would change the results";

    /// <summary>The runtime targets the exporter does not map, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotMapped = new(StringComparer.Ordinal)
    {
        ["function:torch.randperm"] = "ONNX opset 17 has no op that samples a permutation (sorting uniform float32 draws would tie, and bias the order)",
        ["function:torch.adaptive_max_pool1d"] = "returns (values, indices) in PyTorch 1.13, and ONNX's adaptive max pooling has no indices output (as with return_indices=True)",
        ["function:torch.erfinv"] = SpecialFunction,
        ["function:torch.special.erfinv"] = SpecialFunction,
        ["method:erfinv"] = SpecialFunction,
        ["method:erfinv_"] = SpecialFunction,
        ["function:torch.lgamma"] = SpecialFunction,
        ["method:lgamma"] = SpecialFunction,
        ["method:lgamma_"] = SpecialFunction,
        ["function:torch.digamma"] = SpecialFunction,
        ["function:torch.special.digamma"] = SpecialFunction,
        ["method:digamma"] = SpecialFunction,
        ["method:digamma_"] = SpecialFunction,
        ["function:torch.i0"] = SpecialFunction,
        ["function:torch.i0_"] = SpecialFunction,
        ["function:torch.special.i0"] = SpecialFunction,
        ["method:i0"] = SpecialFunction,
        ["method:i0_"] = SpecialFunction,
        ["method:double"] = OtherDType,
        ["method:half"] = OtherDType,
        ["method:bfloat16"] = OtherDType,
        ["method:int"] = OtherDType,
        ["method:short"] = OtherDType,
        ["method:byte"] = OtherDType,
        ["method:char"] = OtherDType,
        ["method:random_"] = "random_ draws integers uniformly from [from, to) (to up to 2^63 for int64); ONNX's float32 uniform draws cannot give that distribution exactly",
        ["method:geometric_"] = "geometric_ draws integer counts; ONNX opset 17 has no geometric distribution and a float32 transform of a uniform draw rounds its tail",
        ["method:resize_as_"] = "resize_as_ keeps the input's storage and leaves the added elements uninitialized, which a value graph cannot express",
    };

    /// <summary>
    /// The argument forms of mapped targets that ONNX opset 17 cannot express exactly: refused with SS0250 naming the
    /// operator and line 13 (the forward line of the inline model).
    /// </summary>
    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "integer_bitwise_and", "i = torch.arange(24).view(3, 8); j = i & 6|return x + j", "operator &", "BitwiseAnd (opset 18)" },
        { "integer_bitwise_or_in_place", "i = torch.arange(24).view(3, 8); i \\|= 6|return x + i", "operator |=", "BitwiseOr (opset 18)" },
        { "float_invert", "y = ~x|return y", "operator ~", "~ on a float tensor" },
        { "integer_xor", "i = torch.arange(24).view(3, 8); j = i ^ i|return x + j", "operator ^", "BitwiseXor (opset 18)" },
        { "float_xor", "y = (x > 0) ^ x|return y", "operator ^", "^ on a float tensor" },
        { "randperm", "p = torch.randperm(8)|return x + p", "torch.randperm", "no op that samples a permutation" },
        { "torch_adaptive_max_pool1d", "p = torch.adaptive_max_pool1d(x, 4)[0]|return p", "torch.adaptive_max_pool1d", "returns (values, indices)" },
        { "adaptive_max_pool_indices", "p = F.adaptive_max_pool1d(x, 4, return_indices=True)[0]|return p", "adaptive_max_pool1d", "return_indices=True" },
        { "mode_of_float", "v = torch.mode(x, 1)[0]|return v", "torch.mode", "mode of a float tensor" },
        { "nuclear_norm", "y = torch.norm(x[0], p='nuc')|return x + y", "torch.norm", "p='nuc'" },
        { "float64_literal", "y = torch.tensor(x, dtype=torch.float64)|return y.float()", "torch.tensor", "dtype=torch.float64" },
        { "to_float64", "y = x.to(torch.float64)|return y", "Tensor.to", "dtype torch.float64" },
        { "type_float16", "y = x.type(torch.float16) * 2|return y", "Tensor.type", "dtype torch.float16" },
        { "double", "y = x.double()|return y", "Tensor.double", "no ONNX mapping" },
        { "int", "y = x.int()|return y", "Tensor.int", "no ONNX mapping" },
        { "erfinv", "y = torch.erfinv(x * 0.5)|return y", "torch.erfinv", "no ONNX mapping" },
        { "lgamma", "y = x.abs().lgamma()|return y", "Tensor.lgamma", "no ONNX mapping" },
        { "digamma", "y = torch.special.digamma(x.abs() + 1)|return y", "torch.special.digamma", "no ONNX mapping" },
        { "i0", "y = torch.i0(x)|return y", "torch.i0", "no ONNX mapping" },
        { "random_", "y = x * 1; y.random_(0, 5)|return y", "Tensor.random_", "no ONNX mapping" },
        { "cumprod_of_the_batch", "y = torch.cumprod(x, 0)|return y", "torch.cumprod", "no cumulative product" },
        { "cummax_too_long", "y = x.view(-1, 24).repeat(1, 20); v, i = torch.cummax(y, 1)|return v", "torch.cummax", "up to 256" },
        { "local_response_norm_even", "y = F.local_response_norm(x, 2)|return y", "local_response_norm", "even size 2" },
        { "dropout1d_training", "y = F.dropout1d(x, 0.5)|return y", "dropout1d", "training=True" },
        { "rrelu_training", "y = F.rrelu(x, training=True)|return y", "rrelu", "training=True" },
        { "roll_flattened_batch", "y = torch.roll(x, 3)|return y", "torch.roll", "roll without dims" },
        { "masked_fill_float_mask", "y = x.masked_fill(x, 0.0)|return y", "Tensor.masked_fill", "not a bool tensor" },
        { "in_place_through_a_view", "y = x * 1; v = y.view(-1, 24); y.exp_()|return v.view(-1, 3, 8)", "Tensor.exp_", "shares its storage" },
        { "in_place_into_a_view", "y = x * 1; v = y[:, 0]; v.zero_()|return y", "Tensor.zero_", "shares its storage" },
        { "augmented_assignment_through_a_view", "y = x * 1; v = y[:, 0]; v += 1|return y", "operator +=", "shares its storage" },
        { "scatter_multiply", "i = torch.arange(8).view(1, 1, 8).expand(x.size(0), 3, 8); y = x * 1; y.scatter_(2, i, 2.0, reduce='multiply')|return y", "Tensor.scatter_", "reduce='multiply'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AFormOnnxCannotExpressGivesTheDiagnosticWithItsLine(string name, string forward, string what, string reason)
    {
        var (reference, why) = ReferenceModel.Build(InlineModelParity.Check(name, "Nx3x8", "pass|" + forward));
        Assert.True(reference is not null, why);
        using var model = reference;
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");

        var result = OnnxExporter.ExportToFile(model.Check.Graph!, model.Weights(), null, path);

        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0250", diagnostic.Descriptor.Code);
        Assert.Contains(what, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("(line 13)", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>
    /// Targets the runtime runs and the exporter maps but whose result the checker does not follow (so no shape reaches
    /// the exporter): refused with SS0250 naming the first call that depends on them and its line, or the return.
    /// </summary>
    public static TheoryData<string, string, string, string> NotFollowedByTheCheck => new()
    {
        { "shift", "i = torch.arange(24).view(3, 8); j = i << 2|return x + j", "operator << (line 13)", "did not follow its result" },
        { "functional_abs", "y = F.abs(x) + x|return y", "operator + (line 13)", "did not follow its result" },
        { "dunder_floordiv", "y = x.__floordiv__(0.4)|return y", "output", "Tensor.__floordiv__" },
    };

    [Theory]
    [MemberData(nameof(NotFollowedByTheCheck))]
    public void AResultTheCheckDidNotFollowGivesTheDiagnosticNotABrokenFile(string name, string forward, string what, string reason)
    {
        var check = InlineModelParity.Check(name, "Nx3x8", "pass|" + forward);
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");

        var result = OnnxExporter.ExportToFile(check.Graph!, new Dictionary<string, NamedTensor>(), null, path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0250", diagnostic.Descriptor.Code);
        Assert.Contains(what, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void EveryNotMappedEntryIsARuntimeTargetTheExporterRefuses()
    {
        var runtime = GraphModule.SupportedTargets.ToHashSet(StringComparer.Ordinal);
        var exported = OnnxExporter.SupportedTargets.ToHashSet(StringComparer.Ordinal);

        var stale = NotMapped.Keys.Where(t => !runtime.Contains(t) || exported.Contains(t)).ToList();

        Assert.True(stale.Count == 0, "listed as not mapped, but not a runtime target or mapped after all: " + string.Join(", ", stale));
        Assert.All(NotMapped.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Fact]
    public void EveryRuntimeTargetMapsToOnnxOrIsListedWithItsReason()
    {
        var exported = OnnxExporter.SupportedTargets.ToHashSet(StringComparer.Ordinal);
        var missing = GraphModule.SupportedTargets.Where(t => !exported.Contains(t) && !NotMapped.ContainsKey(t)).ToList();

        Assert.True(missing.Count == 0, "runtime targets with no ONNX mapping: " + string.Join(", ", missing));
    }
}
