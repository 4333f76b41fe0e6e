using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Runtime;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>Exported files pass onnx.checker.check_model(full_check=True) (shape inference included) and ONNX Runtime loads them with a dynamic batch.</summary>
public sealed class CheckerTests
{
    public static TheoryData<string> Files =>
    [
        "examples/seed_fixed.model", "examples/fashion_mnist.model", "tests/corpus/python/convnext_block_ok.py", "tests/corpus/python/unet_interp_ok.py",
        "tests/corpus/python/glu_chunk_ok.py", "tests/corpus/python/mha_matmul_ok.py", "tests/corpus/python/resnext_grouped_ok.py",
    ];

    [PythonOnnxTheory]
    [MemberData(nameof(Files))]
    public void ExportedFilePassesTheFullCheck(string file)
    {
        var (reference, why) = ReferenceModel.Build(Path.Combine(Repo.Root, file));
        Assert.True(reference is not null, why);
        using var model = reference;
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");
        var metadata = new Dictionary<string, string> { [OnnxMetadataKeys.ClassNames] = "[\"a\", \"b\"]" };

        var result = OnnxExporter.ExportToFile(model.Check.Graph!, model.Weights(), metadata, path);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        var script = "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); "
            + "print(m.opset_import[0].version, m.graph.input[0].type.tensor_type.shape.dim[0].dim_param)";
        var (exit, output) = PythonOnnxTheoryAttribute.Run($"-c \"{script}\" \"{path}\"");
        Assert.True(exit == 0, output);
        Assert.Equal("17 N", output.Trim());

        using var onnx = OnnxModel.Load(path);
        Assert.Equal(-1, onnx.InputShape[0]);
        Assert.Equal("[\"a\", \"b\"]", onnx.Metadata[OnnxMetadataKeys.ClassNames]);
    }

    [Fact]
    public void AWrongInputShapeIsRefusedWithBothShapes()
    {
        var (reference, why) = ReferenceModel.Build(Path.Combine(Repo.Examples, "seed_fixed.model"));
        Assert.True(reference is not null, why);
        using var model = reference;
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");
        Assert.True(OnnxExporter.ExportToFile(model.Check.Graph!, model.Weights(), null, path).Succeeded);
        using var onnx = OnnxModel.Load(path);

        var error = Assert.Throws<OnnxModelException>(() => onnx.Run(new float[3 * 32 * 32], [1, 3, 32, 32]));
        Assert.Contains("1x3x32x32", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nx3x64x64", error.Message, StringComparison.Ordinal);
        Assert.Contains("float64", onnx.Mismatch([1, 3, 64, 64], "float64"), StringComparison.Ordinal);
        Assert.Null(onnx.Mismatch([2, 3, 64, 64], "float32"));
    }

    [Fact]
    public void AMissingFileIsRefusedByName()
    {
        var error = Assert.Throws<OnnxModelException>(() => OnnxModel.Load("/nonexistent/model.onnx"));
        Assert.Contains("/nonexistent/model.onnx", error.Message, StringComparison.Ordinal);
    }
}
