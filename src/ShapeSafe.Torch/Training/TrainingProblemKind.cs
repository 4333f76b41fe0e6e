namespace ShapeSafe.Torch.Training;

/// <summary>Why a training run could not start; the CLI maps each to its exit code.</summary>
public enum TrainingProblemKind
{
    /// <summary>The request itself is wrong (settings, threads, a checkpoint for other data): exit 2.</summary>
    Usage,

    /// <summary>The data folder does not exist: exit 1.</summary>
    Data,

    /// <summary>The model does not fit the data, or does not build: exit 1, with diagnostics.</summary>
    Model,

    /// <summary>The device cannot be used: exit 3.</summary>
    Device,
}
