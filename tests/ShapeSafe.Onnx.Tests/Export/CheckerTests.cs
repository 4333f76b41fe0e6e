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
        "tests/corpus/python/crnn_ocr_ok.py", "tests/corpus/python/conv_vae_ok.py", "tests/corpus/python/functional_params_ok.py",
        "tests/corpus/runtime/sequence_layers_ok.py",
    ];

    /// <summary>Inline models for the ops the corpus files above do not reach: optional ONNX inputs left empty, masks, random ops.</summary>
    public static TheoryData<string, string, string> Inline => new()
    {
        { "lstm_state_no_bias_unbatched", "Nx5x8", "self.rnn = nn.LSTM(8, 6, num_layers=2, bias=False)|out, (h, c) = self.rnn(x[0], (x[0, :2, :6], x[0, 2:4, :6]))|return out, h, c" },
        { "gru_state_zeros_of_the_batch", "Nx5x8", "self.rnn = nn.GRU(8, 6, batch_first=True)|out, h = self.rnn(x, torch.zeros(1, x.size(0), 6))|return out, h" },
        { "attention_masks_weights_per_head", "Nx5x16", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|m = x[:, :, :5]; out, w = self.attn(x, x, x, x[:, :, 1] > 0.7, True, torch.cat([m, m, m, m], 0) > 0.7, False)|return out, w" },
        { "random_batch_sized", "Nx5x8", "pass|y = torch.rand(x.size(0), 5, 8) + torch.randn_like(x) + torch.randn(5, 8)|return y" },
        { "functional_weights", "Nx3x9x9", "self.w = nn.Parameter(torch.randn(4, 3, 4, 4)); self.t = nn.Parameter(torch.randn(4, 2, 3, 3))|y = F.conv_transpose2d(F.conv2d(x, self.w, padding='same'), self.t, stride=2)|return y" },
    };

    [PythonOnnxTheory]
    [MemberData(nameof(Files))]
    public void ExportedFilePassesTheFullCheck(string file)
    {
        // Checked with a symbolic batch, as export --to onnx checks.
        var (reference, why) = ReferenceModel.Build(Models.Symbolic(file));
        Assert.True(reference is not null, why);
        using var model = reference;
        PassesTheFullCheck(model);
    }

    [PythonOnnxTheory]
    [MemberData(nameof(Inline))]
    public void ExportedInlineModelPassesTheFullCheck(string name, string input, string lines)
    {
        var (model, _) = InlineModelParity.Export(name, input, lines);
        using (model)
        {
            PassesTheFullCheck(model);
        }
    }

    private static void PassesTheFullCheck(ReferenceModel model)
    {
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
