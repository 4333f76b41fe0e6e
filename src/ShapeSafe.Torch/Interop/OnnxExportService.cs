using System.Text.Json;
using ShapeSafe.Checking;
using ShapeSafe.Onnx.Export;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Checkpoints;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// <c>shapesafe export CHECKPOINT --to onnx FILE.onnx</c>: checks the checkpoint's model again with a symbolic batch
/// (N x C x H x W of its input), takes its trained state_dict as float32 arrays and hands both to
/// <see cref="OnnxExporter"/>, with what serving needs in metadata_props (<see cref="OnnxMetadataKeys"/>).
/// </summary>
public static class OnnxExportService
{
    /// <summary>Exports <paramref name="checkpointPath"/> to <paramref name="outputPath"/>; a <see cref="CheckpointException"/> when the checkpoint cannot be read or rebuilt.</summary>
    public static OnnxExportResult Export(string checkpointPath, string outputPath)
    {
        var checkpoint = CheckpointFile.Read(checkpointPath);
        var meta = checkpoint.Meta;
        var input = new Shape([Dim.Sym("N"), meta.Input.Channels, meta.Input.Height, meta.Input.Width]);
        FileCheck check;
        nn.Module model;
        if (meta.Language == SourceLanguage.Python)
        {
            check = CheckpointModel.CheckPython(checkpoint, input);
            if (check.HasErrors)
            {
                throw new CheckpointException(checkpointPath, $"its Python model does not check at {input}: {check.Diagnostics.First(d => d.Severity == Diagnostics.Severity.Error).Message}");
            }

            model = CheckpointModel.LoadPython(checkpoint, check);
        }
        else
        {
            check = CheckService.Check($"{checkpointPath}!{CheckpointFile.ModelEntry}", checkpoint.ModelText, new CheckRequest { Inputs = [input] });
            if (check.HasErrors)
            {
                throw new CheckpointException(checkpointPath, $"its model does not check at {input}: {check.Diagnostics.First(d => d.Severity == Diagnostics.Severity.Error).Message}");
            }

            model = CheckpointModel.LoadModelFile(checkpoint, check);
        }

        using (model)
        {
            var weights = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
            foreach (var (key, tensor) in model.state_dict())
            {
                if (tensor.dtype == ScalarType.Float32)
                {
                    weights[key] = new NamedTensor(tensor.shape, tensor.detach().cpu().contiguous().data<float>().ToArray());
                }
            }

            return OnnxExporter.ExportToFile(check.Graph!, weights, Metadata(meta), outputPath);
        }
    }

    /// <summary>The metadata_props of a checkpoint: class names, normalization, input C x H x W, source.</summary>
    public static Dictionary<string, string> Metadata(CheckpointMeta meta) => new(StringComparer.Ordinal)
    {
        [OnnxMetadataKeys.ClassNames] = JsonSerializer.Serialize(meta.ClassNames),
        [OnnxMetadataKeys.Normalization] = JsonSerializer.Serialize(new { mean = meta.Normalization.Mean, std = meta.Normalization.Std }),
        [OnnxMetadataKeys.InputShape] = JsonSerializer.Serialize(new[] { meta.Input.Channels, meta.Input.Height, meta.Input.Width }),
        [OnnxMetadataKeys.Source] = JsonSerializer.Serialize(new { name = meta.SourceName ?? meta.ModelName, @class = meta.ClassName }),
        [OnnxMetadataKeys.Version] = "1",
    };
}
