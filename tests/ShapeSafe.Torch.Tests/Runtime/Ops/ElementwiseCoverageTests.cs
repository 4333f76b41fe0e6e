using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Torch.Runtime;

namespace ShapeSafe.Tests.Runtime.Ops;

/// <summary>
/// Issue #8: every function and method target the checker follows through ElementwiseOps (activations, element-wise math,
/// dtype/device moves and in-place fills, the dropout family, binary ops, where, gather, flip/roll, softmax and the
/// cumulative ops) is one the graph runtime runs, except the ones PyTorch 1.13 itself cannot run in a CPU forward.
/// </summary>
public sealed class ElementwiseCoverageTests
{
    /// <summary>
    /// Spellings the checker accepts that PyTorch 1.13 does not have at all (no such attribute on torch,
    /// torch.nn.functional, torch.special or torch.Tensor: calling them raises AttributeError), found with
    /// <c>hasattr</c> against PyTorch 1.13.
    /// </summary>
    private static readonly string[] MissingFunctions =
    [
        "torch.angle_", "torch.bernoulli_", "torch.bitwise_not_", "torch.conj_", "torch.digamma_", "torch.dropout1d",
        "torch.dropout2d", "torch.dropout3d", "torch.elu", "torch.elu_", "torch.erfinv_", "torch.gelu",
        "torch.gelu_", "torch.hardshrink_", "torch.hardsigmoid", "torch.hardsigmoid_", "torch.hardswish",
        "torch.hardswish_", "torch.hardtanh", "torch.hardtanh_", "torch.isfinite_", "torch.isinf_", "torch.isnan_",
        "torch.leaky_relu", "torch.leaky_relu_", "torch.lgamma_", "torch.local_response_norm", "torch.logical_not_",
        "torch.logsigmoid", "torch.logsigmoid_", "torch.mish", "torch.mish_", "torch.nn.functional.gelu_",
        "torch.nn.functional.hardshrink_", "torch.nn.functional.hardsigmoid_", "torch.nn.functional.hardswish_",
        "torch.nn.functional.logsigmoid_", "torch.nn.functional.mish_", "torch.nn.functional.prelu_",
        "torch.nn.functional.relu6_", "torch.nn.functional.sigmoid_", "torch.nn.functional.silu_",
        "torch.nn.functional.softplus_", "torch.nn.functional.softshrink_", "torch.nn.functional.softsign_",
        "torch.nn.functional.tanh_", "torch.nn.functional.tanhshrink_", "torch.normalize", "torch.positive_",
        "torch.prelu_", "torch.real_", "torch.relu6", "torch.relu6_", "torch.sgn_", "torch.sign_", "torch.silu",
        "torch.silu_", "torch.softmin", "torch.softplus", "torch.softplus_", "torch.softshrink", "torch.softshrink_",
        "torch.softsign", "torch.softsign_", "torch.special.abs", "torch.special.acos", "torch.special.angle",
        "torch.special.asin", "torch.special.atan", "torch.special.bernoulli", "torch.special.bitwise_not",
        "torch.special.ceil", "torch.special.clamp", "torch.special.clamp_max", "torch.special.clamp_min",
        "torch.special.clip", "torch.special.conj", "torch.special.cos", "torch.special.cosh",
        "torch.special.deg2rad", "torch.special.exp", "torch.special.floor", "torch.special.frac",
        "torch.special.isfinite", "torch.special.isinf", "torch.special.isnan", "torch.special.lgamma",
        "torch.special.log", "torch.special.log10", "torch.special.log2", "torch.special.logical_not",
        "torch.special.nan_to_num", "torch.special.neg", "torch.special.negative", "torch.special.positive",
        "torch.special.rad2deg", "torch.special.real", "torch.special.reciprocal", "torch.special.relu",
        "torch.special.rsqrt", "torch.special.sgn", "torch.special.sigmoid", "torch.special.sign",
        "torch.special.sin", "torch.special.sinh", "torch.special.softmin", "torch.special.sqrt",
        "torch.special.square", "torch.special.tan", "torch.special.tanh", "torch.special.trunc", "torch.tanhshrink",
        "torch.tanhshrink_",
    ];

    /// <summary>Tensor methods PyTorch 1.13 does not have (<c>x.gelu()</c>, <c>x.maximum_()</c>, <c>x.__hypot__()</c>).</summary>
    private static readonly string[] MissingMethods =
    [
        "__atan2__", "__bitwise_and__", "__bitwise_or__", "__bitwise_xor__", "__copysign__", "__divide__",
        "__floor_divide__", "__fmax__", "__fmin__", "__fmod__", "__greater__", "__greater_equal__", "__hypot__",
        "__lerp__", "__less__", "__less_equal__", "__logical_and__", "__logical_or__", "__logical_xor__",
        "__masked_fill__", "__maximum__", "__minimum__", "__multiply__", "__not_equal__", "__remainder__",
        "__subtract__", "__true_divide__", "__xlogy__", "angle_", "celu", "celu_", "conj_", "elu", "elu_", "fmax_",
        "fmin_", "gelu", "gelu_", "hardshrink_", "hardsigmoid", "hardsigmoid_", "hardswish", "hardswish_",
        "hardtanh", "hardtanh_", "isfinite_", "isinf_", "isnan_", "leaky_relu", "leaky_relu_", "logsigmoid",
        "logsigmoid_", "maximum_", "minimum_", "mish", "mish_", "positive_", "prelu_", "real_", "relu6", "relu6_",
        "rrelu", "rrelu_", "rsub", "rsub_", "selu", "selu_", "silu", "silu_", "softmin", "softplus", "softplus_",
        "softshrink", "softshrink_", "softsign", "softsign_", "tanhshrink", "tanhshrink_", "threshold", "threshold_",
    ];

    /// <summary>
    /// Methods PyTorch 1.13 has but cannot run in a CPU forward on a float32 tensor, or that take a Python callable:
    /// pin_memory needs CUDA ("Cannot access accelerator device"), coalesce is for sparse tensors only
    /// ("Could not run 'aten::is_coalesced' with arguments from the 'CPU' backend"), apply_ and map_ call a Python
    /// function per element, which the graph does not record as something the runtime can run.
    /// </summary>
    private static readonly string[] NotRunnable = ["pin_memory", "coalesce", "apply_", "map_"];

    [Fact]
    public void EveryElementwiseTargetTheCheckerFollowsIsRun()
    {
        var table = new TorchTable();
        ElementwiseOps.Register(table);
        var supported = GraphModule.SupportedTargets.ToHashSet(StringComparer.Ordinal);
        var skippedFunctions = MissingFunctions.ToHashSet(StringComparer.Ordinal);
        var skippedMethods = MissingMethods.Concat(NotRunnable).ToHashSet(StringComparer.Ordinal);

        var missing = table.Functions.Keys.Where(f => !skippedFunctions.Contains(f) && !supported.Contains("function:" + f))
            .Concat(table.Methods.Keys.Where(m => !skippedMethods.Contains(m) && !supported.Contains("method:" + m)).Select(m => "Tensor." + m))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(table.Functions.Count + table.Methods.Count > 500, "ElementwiseOps registers its targets");
        Assert.True(missing.Count == 0, "the runtime has no operation for: " + string.Join(", ", missing));
    }

    [Fact]
    public void SkippedTargetsAreOnesTheCheckerRegisters()
    {
        var table = new TorchTable();
        ElementwiseOps.Register(table);
        Assert.All(MissingFunctions, f => Assert.True(table.Functions.ContainsKey(f), f));
        Assert.All(MissingMethods.Concat(NotRunnable), m => Assert.True(table.Methods.ContainsKey(m), m));
    }
}
