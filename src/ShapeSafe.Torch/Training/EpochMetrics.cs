namespace ShapeSafe.Torch.Training;

/// <summary>What one epoch measured: training and validation loss and accuracy, throughput and time.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValLoss,
    double ValAccuracy,
    double ImagesPerSecond,
    double Seconds);
