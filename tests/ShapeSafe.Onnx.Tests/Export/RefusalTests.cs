using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>
/// A model with an op the exporter cannot map faithfully gets SS0250 naming the layer or call, the reason and its line,
/// and no file is written.
/// </summary>
public sealed class RefusalTests
{
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "circular_padding", "Nx3x8x8", "self.conv = nn.Conv2d(3, 4, 3, padding=1, padding_mode='circular')|y = self.conv(x)|return y", "conv (Conv2d)", "circular" },
        { "batch_norm_batch_statistics", "Nx3x8x8", "self.bn = nn.BatchNorm2d(3, track_running_stats=False)|y = self.bn(x)|return y", "bn (BatchNorm2d)", "track_running_stats=False" },
        { "avg_pool_divisor_override", "Nx3x8x8", "self.pool = nn.AvgPool2d(2, divisor_override=3)|y = self.pool(x)|return y", "pool (AvgPool2d)", "divisor_override" },
        { "attention_is_causal", "Nx5x16", "self.attn = nn.MultiheadAttention(16, 4, batch_first=True)|out, w = self.attn(x, x, x, attn_mask=x[0, :, :5], is_causal=True)|return out", "attn (MultiheadAttention)", "is_causal=True" },
        { "encoder_is_causal", "Nx5x16", "self.enc = nn.TransformerEncoderLayer(16, 4, 32, batch_first=True)|y = self.enc(x, x[0, :, :5], is_causal=True)|return y", "enc (TransformerEncoderLayer)", "is_causal=True" },
        { "random_float64", "Nx3x8x8", "pass|y = torch.randn_like(x, dtype=torch.float64)|return y.float()", "torch.randn_like", "dtype=torch.float64" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnmappableOpGivesTheDiagnosticAndNoFile(string name, string input, string lines, string what, string reason)
    {
        var (reference, why) = ReferenceModel.Build(InlineModelParity.Check(name, input, lines));
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
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
