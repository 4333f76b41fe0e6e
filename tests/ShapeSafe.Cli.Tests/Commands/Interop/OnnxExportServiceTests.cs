using System.Text.Json;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Interop;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary><see cref="OnnxExportService"/> on its own: the model it writes, its metadata, and a checkpoint it cannot read.</summary>
public sealed class OnnxExportServiceTests(OnnxExports exports) : IClassFixture<OnnxExports>
{
    [Fact]
    public void ExportWritesTheGraphWithADynamicBatchAndTheCheckpointsMetadata()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("m.onnx");
        var result = OnnxExportService.Export(exports.RgbCheckpoint, path);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        Assert.Empty(result.Diagnostics);
        Assert.True(File.Exists(path));
        var model = result.Model!;
        Assert.Equal(OnnxExporter.Opset, model.OpsetImport.Single(o => o.Domain.Length == 0).Version);
        var input = model.Graph.Input.Single();
        Assert.Equal(OnnxExporter.InputName, input.Name);
        Assert.Equal(["N", "", "", ""], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal([0L, 3, 12, 12], input.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], JsonSerializer.Deserialize<string[]>(meta[OnnxMetadataKeys.ClassNames])!);
        var normalization = JsonSerializer.Deserialize<Dictionary<string, float[]>>(meta[OnnxMetadataKeys.Normalization])!;
        Assert.Equal(OnnxExports.RgbNormalization.Mean, normalization["mean"]);
        Assert.Equal(OnnxExports.RgbNormalization.Std, normalization["std"]);
        Assert.Equal([3, 12, 12], JsonSerializer.Deserialize<int[]>(meta[OnnxMetadataKeys.InputShape])!);
        Assert.Equal("1", meta[OnnxMetadataKeys.Version]);
        Assert.Equal("rgb", JsonDocument.Parse(meta[OnnxMetadataKeys.Source]).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void AnUnreadableCheckpointIsACheckpointExceptionAndNoFile()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.WriteFile("broken.ckpt", "not a checkpoint");
        var path = folder.Combine("m.onnx");
        var e = Assert.Throws<CheckpointException>(() => OnnxExportService.Export(checkpoint, path));
        Assert.Contains("broken.ckpt", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
