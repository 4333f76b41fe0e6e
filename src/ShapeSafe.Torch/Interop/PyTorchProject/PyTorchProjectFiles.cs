namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>The names of the files a PyTorch project and a DDP run folder hold (shared by the exporter, the importer and the script).</summary>
public static class PyTorchProjectFiles
{
    public const string Model = "model.py";
    public const string Project = "project.json";
    public const string TrainScript = "train_ddp.py";
    public const string Readme = "README.md";
    public const string Weights = "weights.pt";
    public const string SafetensorsWeights = "weights.safetensors";

    /// <summary>In a run folder: what <c>import</c> needs besides the weights (model source, classes, normalization, input, metrics).</summary>
    public const string RunInfo = "checkpoint.json";

    /// <summary>In a run folder: the optimizer's state and the epoch, for resuming.</summary>
    public const string RunState = "state.pt";

    public const string RunMetrics = "metrics.json";

    /// <summary>The <c>format</c> field of a run folder's checkpoint.json.</summary>
    public const string RunFormat = "shapesafe-ddp-run";

    /// <summary>The text of train_ddp.py, embedded in this assembly.</summary>
    public static string TrainScriptText()
    {
        using var stream = typeof(PyTorchProjectFiles).Assembly.GetManifestResourceStream(TrainScript)
            ?? throw new InvalidOperationException($"{TrainScript} is not embedded in {typeof(PyTorchProjectFiles).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
