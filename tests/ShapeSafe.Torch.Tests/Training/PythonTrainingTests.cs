using System.IO.Compression;
using System.Text.Json.Nodes;
using ShapeSafe.Checking;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Inference;
using ShapeSafe.Torch.Runtime;
using ShapeSafe.Torch.Training;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Training;

/// <summary>PyTorch .py classifiers trained through TrainingService as GraphModules, checkpointed and loaded again.</summary>
public sealed class PythonTrainingTests
{
    private static readonly TrainingSettings Learning = new() { Epochs = 10, BatchSize = 16, LearningRate = 0.003 };

    private static string Data(TempFolder folder, int classes = 3, int perClass = 60)
    {
        var data = folder.Combine("data");
        SyntheticShapes.Write(data, classes, perClass, height: 16, width: 16, channels: 3, seed: 1);
        return data;
    }

    private static TrainingRequest Request(TempFolder folder, string file, string text, string data, TrainingSettings settings, string? className = null) =>
        TrainingRequest.ForPython(folder.Combine(file), text, data, className) with
        {
            Settings = settings,
            OutputFolder = folder.Combine("run"),
        };

    private static int LineOf(string text, string needle) =>
        Array.FindIndex(text.Split('\n'), l => l.Contains(needle, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData(PythonModels.ResNetClass)]
    [InlineData(PythonModels.UNetClass)]
    public void APythonClassifierLearnsAndItsCheckpointPredictsAsItDid(string className)
    {
        using var folder = new TempFolder();
        var data = Data(folder, perClass: 100);
        var text = PythonModels.Named(className);

        using var preparation = TrainingService.Prepare(Request(folder, "net.py", text, data, Learning));
        Assert.True(preparation.Ready, preparation.Problem?.Message + string.Join("\n", preparation.Problem?.Diagnostics.Select(d => $"{d.Line}: {d.Message}") ?? []));
        Assert.IsType<GraphModule>(preparation.Module);
        Assert.Equal(new ImageSize(3, 16, 16), preparation.Job!.Input);
        var result = TrainingService.Run(preparation, new RecordingProgress());

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.True(result.History[^1].TrainAccuracy > 0.6, $"{className}: train accuracy {result.History[^1].TrainAccuracy} is not clearly above chance (1/3)");
        Assert.True(result.History[^1].ValAccuracy > 0.5, $"{className}: validation accuracy {result.History[^1].ValAccuracy} is not clearly above chance (1/3): {string.Join(", ", result.History.Select(m => $"{m.TrainAccuracy:0.00}/{m.ValAccuracy:0.00}"))}");

        var checkpoint = CheckpointFile.Read(result.LastCheckpoint!);
        Assert.Equal(SourceLanguage.Python, checkpoint.Meta.Language);
        Assert.Equal("net.py", checkpoint.Meta.SourceName);
        Assert.Equal(className, checkpoint.Meta.ClassName);
        Assert.Equal("Nx3x16x16", checkpoint.Meta.InputShape);
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), checkpoint.ModelText);

        using var loaded = LoadedModel.Load(checkpoint);
        Assert.IsType<GraphModule>(loaded.Module);
        using var scope = NewDisposeScope();
        manual_seed(3);
        var batch = randn(6, 3, 16, 16);
        var trained = preparation.Module!;
        trained.eval();
        using (no_grad())
        {
            var before = trained.forward(batch);
            var after = loaded.Module.forward(batch);
            Assert.True(before.equal(after).all().item<bool>(), $"{className}: the loaded checkpoint's outputs differ from the trained model's");
            Assert.Equal(before.argmax(1).data<long>().ToArray(), after.argmax(1).data<long>().ToArray());
        }

        var evaluation = EvaluationService.Evaluate(new EvaluationRequest(result.LastCheckpoint!, data, BatchSize: 32));
        Assert.True(evaluation.Report.Accuracy > 0.5, $"{className}: evaluated accuracy {evaluation.Report.Accuracy}");
    }

    [Fact]
    public void AClassifierWithTheWrongNumberOfClassesIsTheEnginesDiagnosticBeforeTraining()
    {
        using var folder = new TempFolder();
        var data = Data(folder, classes: 4, perClass: 2);
        var text = PythonModels.ResNet(classes: 10);

        using var preparation = TrainingService.Prepare(Request(folder, "resnet.py", text, data, Learning));

        Assert.False(preparation.Ready);
        Assert.Equal(TrainingProblemKind.Model, preparation.Problem!.Kind);
        var diagnostic = Assert.Single(preparation.Problem.Diagnostics, d => d.Code == "SS0113");
        Assert.Equal("the model ends with 10 outputs but the data has 4 classes", diagnostic.Message);
        Assert.Equal(LineOf(text, "return self.fc(x)"), diagnostic.Line);
        Assert.Null(preparation.Module);
        Assert.False(Directory.Exists(folder.Combine("run")));
    }

    [Fact]
    public void TheClassNamePicksAmongSeveral()
    {
        using var folder = new TempFolder();
        var data = Data(folder, perClass: 4);
        var text = PythonModels.Both();
        var quick = Learning with { Epochs = 1 };

        using (var unnamed = TrainingService.Prepare(Request(folder, "both.py", text, data, quick)))
        {
            Assert.False(unnamed.Ready);
            Assert.Contains(unnamed.Problem!.Diagnostics, d => d.Code == "SS0437");
        }

        var parameters = new Dictionary<string, long>();
        foreach (var name in new[] { PythonModels.ResNetClass, PythonModels.UNetClass })
        {
            using var named = TrainingService.Prepare(Request(folder, "both.py", text, data, quick, name));
            Assert.True(named.Ready, named.Problem?.Message);
            Assert.Equal(name, named.Job!.ClassName);
            parameters[name] = named.Parameters;
            var alone = CheckService.Check("alone.py", PythonModels.Named(name), new CheckRequest { Inputs = [new ImageSize(3, 16, 16).ToShape()] });
            Assert.Equal(alone.TotalParameters, named.Parameters);
        }

        Assert.NotEqual(parameters[PythonModels.ResNetClass], parameters[PythonModels.UNetClass]);
    }

    [Fact]
    public void ResumingAPythonCheckpointContinuesItsEpochs()
    {
        using var folder = new TempFolder();
        var data = Data(folder, perClass: 10);
        var text = PythonModels.UNet();
        string checkpoint;
        using (var first = TrainingService.Prepare(Request(folder, "unet.py", text, data, Learning with { Epochs = 1 })))
        {
            Assert.True(first.Ready, first.Problem?.Message);
            checkpoint = TrainingService.Run(first, new RecordingProgress()).LastCheckpoint!;
        }

        using var resumed = TrainingService.Prepare(Request(folder, "unet.py", text, data, Learning with { Epochs = 2 }) with { ResumePath = checkpoint });
        Assert.True(resumed.Ready, resumed.Problem?.Message);
        var result = TrainingService.Run(resumed, new RecordingProgress());

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal([1, 2], result.History.Select(m => m.Epoch));
        Assert.Equal(2, CheckpointFile.Read(result.LastCheckpoint!).Meta.Epoch);
        Assert.Equal(SourceLanguage.Python, CheckpointFile.Read(result.LastCheckpoint!).Meta.Language);
    }

    [Fact]
    public void AnImageFolderOfUnknownSizeNeedsTheFilesDeclaredInput()
    {
        using var folder = new TempFolder();
        var data = Data(folder, perClass: 4);
        File.Delete(Path.Combine(data, SyntheticShapes.MarkerFile));
        var text = PythonModels.UNet();

        using (var undeclared = TrainingService.Prepare(Request(folder, "unet.py", text, data, Learning)))
        {
            Assert.False(undeclared.Ready);
            var diagnostic = Assert.Single(undeclared.Problem!.Diagnostics, d => d.Code == "SS0439");
            Assert.Contains("# shapesafe: input", diagnostic.Message, StringComparison.Ordinal);
            Assert.Contains(diagnostic.Notes, n => n.Contains($"the image folder {data} does not say its image size", StringComparison.Ordinal));
        }

        var declared = text.Replace("class TinyUNet", "# shapesafe: input Nx3x16x16\nclass TinyUNet", StringComparison.Ordinal);
        using var preparation = TrainingService.Prepare(Request(folder, "unet.py", declared, data, Learning));
        Assert.True(preparation.Ready, preparation.Problem?.Message);
        Assert.Equal(new ImageSize(3, 16, 16), preparation.Job!.Input);
        Assert.Equal("Nx3x16x16", preparation.Job.InputShape);
    }

    [Fact]
    public void ACheckpointWithoutTheLanguageFieldIsAModelFile()
    {
        using var folder = new TempFolder();
        var data = Data(folder, perClass: 4);
        var request = new TrainingRequest(ShapeSafe.Syntax.ModelFileParser.Parse(folder.Combine("tiny.model"), TinyModels.CnnText), data)
        {
            Settings = new TrainingSettings { Epochs = 1, BatchSize = 16 },
            OutputFolder = folder.Combine("run"),
        };
        string path;
        using (var preparation = TrainingService.Prepare(request))
        {
            path = TrainingService.Run(preparation, new RecordingProgress()).LastCheckpoint!;
        }

        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(CheckpointFile.MetaEntry)!;
            JsonObject meta;
            using (var stream = entry.Open())
            {
                meta = JsonNode.Parse(stream)!.AsObject();
            }

            Assert.Equal("model_file", meta["language"]!.GetValue<string>());
            Assert.False(meta.ContainsKey("class_name"));
            meta.Remove("language");
            meta["version"] = 1; // Checkpoints without the field were version 1, without checksums.
            zip.GetEntry(CheckpointFile.ChecksumsEntry)!.Delete();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(CheckpointFile.MetaEntry).Open());
            writer.Write(meta.ToJsonString());
        }

        var old = CheckpointFile.Read(path);
        Assert.Equal(SourceLanguage.ModelFile, old.Meta.Language);
        using var loaded = LoadedModel.Load(old);
        Assert.IsType<ShapeSafe.Torch.Runtime.GraphModule>(loaded.Module);
    }
}
