namespace ShapeSafe.Torch.Training;

/// <summary>Where an epoch stands: steps done, running loss and accuracy, throughput and time left for the whole run.</summary>
public sealed record StepProgress(
    int Epoch,
    int Epochs,
    int Step,
    int Steps,
    double Loss,
    double Accuracy,
    double ImagesPerSecond,
    TimeSpan Remaining);
