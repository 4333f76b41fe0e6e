using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Torch.Runtime;

namespace ShapeSafe.Tests.Runtime.Ops;

/// <summary>
/// Issue #8: every target the checker follows in its structural families (shape, join/split, reduction, matrix, factory,
/// functional layers, tensor attributes, Python builtins and math) that records a node in the dataflow graph has an op in
/// the graph runtime, so a model that checks clean also runs. The elementwise family (ElementwiseOps) is covered elsewhere;
/// ValueMethods (list/dict/str/tuple methods) fold when checking, and TensorIndexing records <c>getitem</c>, which IndexOps runs.
/// </summary>
public sealed class StructuralCoverageTests
{
    private const string Folded = "folded to a constant when the model is checked: no node is recorded";

    private const string NotInTorch113 = "not a function of PyTorch 1.13 (torch has only the 1-D adaptive and average pooling forms)";

    /// <summary>The checker's families this test covers, each registered into a table of its own.</summary>
    private static readonly (string Family, Action<TorchTable> Register)[] Families =
    [
        ("ShapeOps", ShapeOps.Register),
        ("JoinSplitOps", JoinSplitOps.Register),
        ("ReductionOps", ReductionOps.Register),
        ("MatrixOps", MatrixOps.Register),
        ("FactoryOps", FactoryOps.Register),
        ("FunctionalLayers", FunctionalLayers.Register),
        ("TensorAttributes", TensorAttributes.Register),
        ("PythonBuiltins", PythonBuiltins.Register),
        ("MathFunctions", MathFunctions.Register),
    ];

    /// <summary>Targets with no runtime op, and why: they never record a node, or PyTorch itself cannot run them.</summary>
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        // Grad modes, seeds, devices and availability checks: the checker models them as Python values (a context, None,
        // False, a device), never as nodes.
        ["function:torch.no_grad"] = Folded,
        ["function:torch.enable_grad"] = Folded,
        ["function:torch.inference_mode"] = Folded,
        ["function:torch.autocast"] = Folded,
        ["function:torch.set_grad_enabled"] = Folded,
        ["function:torch.manual_seed"] = Folded,
        ["function:torch.cuda.manual_seed"] = Folded,
        ["function:torch.cuda.manual_seed_all"] = Folded,
        ["function:torch.cuda.is_available"] = Folded,
        ["function:torch.backends.mps.is_available"] = Folded,
        ["function:torch.device"] = Folded,

        // Tensor facts the checker answers from the shape (or leaves unknown: item, tolist, numpy, data_ptr read values).
        ["function:torch.is_empty"] = Folded,
        ["function:torch.is_tensor"] = Folded,
        ["method:element_size"] = Folded,
        ["method:item"] = Folded,
        ["method:tolist"] = Folded,
        ["method:numpy"] = Folded,
        ["method:data_ptr"] = Folded,

        // x.new_rand / x.new_randn: the checker accepts them, but PyTorch 1.13's Tensor has no such methods.
        ["method:new_rand"] = "Tensor.new_rand does not exist in PyTorch 1.13 (AttributeError)",
        ["method:new_randn"] = "Tensor.new_randn does not exist in PyTorch 1.13 (AttributeError)",

        // torch.* pooling aliases the checker registers for all ranks; torch 1.13 has only max_pool1d/2d/3d, avg_pool1d and
        // adaptive_avg/max_pool1d (those the runtime runs).
        ["function:torch.adaptive_avg_pool2d"] = NotInTorch113,
        ["function:torch.adaptive_avg_pool3d"] = NotInTorch113,
        ["function:torch.adaptive_max_pool2d"] = NotInTorch113,
        ["function:torch.adaptive_max_pool3d"] = NotInTorch113,
        ["function:torch.avg_pool2d"] = NotInTorch113,
        ["function:torch.avg_pool3d"] = NotInTorch113,

        // math.* functions work on Python numbers the checker knows (sizes included): always folded.
        ["function:math.ceil"] = Folded,
        ["function:math.exp"] = Folded,
        ["function:math.floor"] = Folded,
        ["function:math.gcd"] = Folded,
        ["function:math.isqrt"] = Folded,
        ["function:math.log"] = Folded,
        ["function:math.log10"] = Folded,
        ["function:math.log2"] = Folded,
        ["function:math.pow"] = Folded,
        ["function:math.prod"] = Folded,
        ["function:math.sqrt"] = Folded,
        ["function:math.trunc"] = Folded,

        // Python builtins on Python values (sizes, lists, strings) fold; len(x) and abs(x) of a tensor record nodes named
        // "len" and "abs", and getattr(x, name) the attribute read "getattr" (all run, so not listed here).
        ["function:all"] = Folded,
        ["function:any"] = Folded,
        ["function:bool"] = Folded,
        ["function:dict"] = Folded,
        ["function:enumerate"] = Folded,
        ["function:float"] = Folded,
        ["function:frozenset"] = Folded,
        ["function:hasattr"] = Folded,
        ["function:id"] = Folded,
        ["function:int"] = Folded,
        ["function:isinstance"] = Folded,
        ["function:iter"] = Folded,
        ["function:list"] = Folded,
        ["function:map"] = Folded,
        ["function:max"] = Folded,
        ["function:min"] = Folded,
        ["function:next"] = Folded,
        ["function:print"] = Folded,
        ["function:range"] = Folded,
        ["function:reversed"] = Folded,
        ["function:round"] = Folded,
        ["function:set"] = Folded,
        ["function:setattr"] = Folded,
        ["function:sorted"] = Folded,
        ["function:str"] = Folded,
        ["function:sum"] = Folded,
        ["function:tuple"] = Folded,
        ["function:type"] = Folded,
        ["function:zip"] = Folded,
        ["function:typing.cast"] = Folded,
    };

    /// <summary>Every target of the covered families as the graph names it: <c>kind:target</c>, builtins without <c>builtins.</c>.</summary>
    private static IReadOnlyList<string> CheckerTargets()
    {
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, register) in Families)
        {
            var table = new TorchTable();
            register(table);
            foreach (var name in table.Functions.Keys)
            {
                targets.Add("function:" + (name.StartsWith("builtins.", StringComparison.Ordinal) ? name["builtins.".Length..] : name));
            }

            foreach (var name in table.Methods.Keys)
            {
                targets.Add("method:" + name);
            }
        }

        return [.. targets];
    }

    [Fact]
    public void EveryStructuralTargetThatRecordsANodeHasARuntimeOp()
    {
        var supported = GraphModule.SupportedTargets.ToHashSet(StringComparer.Ordinal);
        var missing = CheckerTargets().Where(t => !Exceptions.ContainsKey(t) && !supported.Contains(t)).ToList();

        Assert.True(missing.Count == 0, "the runtime has no op for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryExceptionIsACheckerTargetTheRuntimeDoesNotRun()
    {
        var targets = CheckerTargets().ToHashSet(StringComparer.Ordinal);
        var supported = GraphModule.SupportedTargets.ToHashSet(StringComparer.Ordinal);

        var stale = Exceptions.Keys.Where(t => !targets.Contains(t)).ToList();
        var runnable = Exceptions.Keys.Where(supported.Contains).ToList();

        Assert.True(stale.Count == 0, "not a checker target any more: " + string.Join(", ", stale));
        Assert.True(runnable.Count == 0, "the runtime runs these, so they are no exception: " + string.Join(", ", runnable));
    }

    [Theory]
    [InlineData("function:len")]
    [InlineData("function:abs")]
    [InlineData("function:torch.Tensor.dim")]
    [InlineData("method:nelement")]
    public void BuiltinsAndAttributesOnTensorsRunUnderTheirNodeNames(string target) =>
        Assert.Contains(target, GraphModule.SupportedTargets);
}
