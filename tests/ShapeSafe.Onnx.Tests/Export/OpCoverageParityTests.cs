using Google.Protobuf;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Proto;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// Issue #9: the ops the graph runtime runs that the exporter maps since then, each in an inline model whose export gives
/// the TorchSharp graph runtime's output on ONNX Runtime (two batch sizes) and passes the ONNX checker. Integer cases
/// make int64 tensors with torch.arange or argmax, bool cases with comparisons; the outputs are float.
/// </summary>
public sealed class OpCoverageParityTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "arange_fixed_int", "Nx3x8", "pass|y = x + torch.arange(8) * 0.5 + torch.arange(2, 10) + torch.arange(1, 17, 2, dtype=torch.float32)|return y", "Add" },
        { "arange_float", "Nx3x8", "pass|y = x + torch.arange(0.5, 4.5, 0.5)|return y", "Add" },
        { "cat_int_and_float", "Nx3x8", "pass|i = torch.arange(8).view(1, 8).expand(3, 8); y = torch.stack([x[0], i], 0) * 0.5|return torch.cat([x, y[0:1].expand(x.size(0), 3, 8)], 1)", "Concat" },
        { "arange_of_the_batch", "Nx3x8", "pass|y = x * torch.arange(x.size(0)).view(-1, 1, 1)|return y", "Range" },
        { "std_dim_keepdim", "Nx3x8", "pass|y = x.std(1, keepdim=True) + x|return y", "ReduceProd" },
        { "var_dims_keepdim", "Nx3x8", "pass|y = torch.var(x, dim=(1, 2), keepdim=True) + x|return y", "ReduceProd" },
        { "var_all", "Nx3x8", "pass|y = x.var() + x|return y", "ReduceProd" },
        { "std_biased", "Nx3x8", "pass|y = x.std(dim=(0, 2), unbiased=False, keepdim=True) + x|return y", "ReduceProd" },
        { "std_last", "Nx3x8", "pass|y = torch.std(x, -1)|return y", "ReduceProd" },
        { "zeros_ones_like", "Nx3x8", "pass|y = torch.ones_like(x) * 2 + torch.zeros_like(x, dtype=torch.float32) + x|return y", "ConstantOfShape" },
        { "floor_divide_float", "Nx3x8", "pass|y = torch.floor_divide(x, 0.3) + x.floor_divide(x * 0.7 - 1.1) + (x // -0.25)|return y", "Mod" },
        { "remainder_float", "Nx3x8", "pass|y = torch.remainder(x, 0.3) + x.remainder(-0.45) + (x % 0.2) + (x % (x * 0.5 + 1.6))|return y", "Mod" },
        { "floor_divide_remainder_in_place", "Nx3x8", "pass|y = x * 3; y //= 0.5; z = x * 2; z %= -0.3|return y + z", "Mod" },
        { "floor_divide_remainder_int", "Nx3x8", "pass|i = torch.arange(24).view(3, 8) - 11; j = i * 1; j //= 3; k = i + 0; k %= -4|return x + (i // 4) + (i % -5) + torch.floor_divide(i, -3) + i.remainder(7) + j + k", "Mod" },
        { "floor_divide_remainder_argmax", "Nx3x8", "pass|a = x.argmax(1, keepdim=True)|return x + (a // 2) + (a % 2) * 0.5", "ArgMax" },
        { "dunder_methods", "Nx3x8", "pass|y = x.__add__(1.5).__mul__(x).__sub__(0.5).__pow__(2) + x.__add__(x[0]).__mul__(0.5)|return y", "Pow" },
        { "bool_and_or_xor_invert", "Nx3x8", "pass|m = ((x > 0) & (x < 0.5)) \\| ((x > 0.8) ^ (x < -0.5)); n = ~(x > 0.2); m &= n; m \\|= x < -0.9; m ^= x > 0.95|return x * m + n", "Max" },
        { "int_invert", "Nx3x8", "pass|i = torch.arange(24).view(3, 8) - 11; a = ~x.argmax(1, keepdim=True)|return x + ~i + a", "Neg" },
        { "attributes_len_numel", "Nx3x8", "pass|y = x.mT * len(x[0]) + x.transpose(1, 2).view(len(x), 8, 3) * torch.numel(x[0]) + x[:, 0].T.T.unsqueeze(2) * x[0].numel()|return y", "Transpose" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportMatchesTheGraphRuntime(string name, string input, string lines, string op) =>
        InlineModelParity.Assert(name, input, lines, n => n.OpType == op);

    /// <summary>
    /// var/std over every dim with unbiased=False divide by n, as PyTorch does (TorchSharp's Tensor.var(bool) divides by
    /// n - 1 whatever it is given, so the graph runtime cannot be the reference here): [1, 2, 3, 4] has variance 1.25.
    /// </summary>
    [Theory]
    [InlineData("var", 1.25f)]
    [InlineData("std", 1.118034f)]
    public void BiasedDeviationOverEveryDimIsPyTorchs(string op, float expected)
    {
        var (model, export) = InlineModelParity.Export("biased_" + op, "Nx4", $"pass|y = x.{op}(unbiased=False) + x * 0|return y");
        using (model)
        {
            using var folder = new TempFolder();
            var path = folder.File("model.onnx");
            File.WriteAllBytes(path, export.ToByteArray());
            using var onnx = ShapeSafe.Onnx.Runtime.OnnxModel.Load(path);

            var output = onnx.Run(new float[] { 1, 2, 3, 4 }, [1, 4]);

            Assert.All(output.Data, v => Assert.Equal(expected, v, 5));
        }
    }

    /// <summary>
    /// torch.div with rounding_mode, and floor division by 0.3 (float32's 0.3 is a little above 0.3: 7.5 // 0.3 is 24), against
    /// PyTorch 1.13's values for [-7.5, 7.5, -7, 3] (the graph runtime ignores rounding_mode, so PyTorch is the reference).
    /// </summary>
    [Theory]
    [InlineData("torch.div(x, 2.0, rounding_mode='floor')", new float[] { -4, 3, -4, 1 })]
    [InlineData("torch.div(x, -2.0, rounding_mode='trunc')", new float[] { 3, -3, 3, -1 })]
    [InlineData("x.div(0.3, rounding_mode='floor')", new float[] { -25, 24, -24, 9 })]
    [InlineData("x // 0.3", new float[] { -25, 24, -24, 9 })]
    public void DivisionRoundsAsPyTorch(string expression, float[] expected)
    {
        var (model, export) = InlineModelParity.Export("rounding", "Nx4", $"pass|y = {expression}|return y");
        using (model)
        {
            using var folder = new TempFolder();
            var path = folder.File("model.onnx");
            File.WriteAllBytes(path, export.ToByteArray());
            using var onnx = ShapeSafe.Onnx.Runtime.OnnxModel.Load(path);

            Assert.Equal(expected, onnx.Run(new float[] { -7.5f, 7.5f, -7, 3 }, [1, 4]).Data);
        }
    }

    [PythonOnnxTheory]
    [MemberData(nameof(Cases))]
    public void ExportedFilePassesTheFullCheck(string name, string input, string lines, string op)
    {
        var (model, export) = InlineModelParity.Export(name, input, lines);
        using (model)
        {
            Assert.Contains(export.Graph.Node, n => n.OpType == op);
            using var folder = new TempFolder();
            var path = folder.File("model.onnx");
            Assert.True(OnnxExporter.ExportToFile(model.Check.Graph!, model.Weights(), null, path).Succeeded);
            var script = "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); "
                + "print(m.graph.output[0].type.tensor_type.elem_type)";
            var (exit, output) = PythonOnnxTheoryAttribute.Run($"-c \"{script}\" \"{path}\"");
            Assert.True(exit == 0, output);
            Assert.Equal(((int)TensorProto.Types.DataType.Float).ToString(System.Globalization.CultureInfo.InvariantCulture), output.Trim());
        }
    }
}
