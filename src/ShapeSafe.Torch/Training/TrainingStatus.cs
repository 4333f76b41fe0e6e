namespace ShapeSafe.Torch.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingStatus
{
    /// <summary>Every epoch up to the requested count ran.</summary>
    Completed,

    /// <summary>Stopped on request (Ctrl+C) after the current step; the last good checkpoint is kept.</summary>
    Cancelled,

    /// <summary>The loss became NaN or infinite; stopped, and the last good checkpoint is kept.</summary>
    Diverged,
}
