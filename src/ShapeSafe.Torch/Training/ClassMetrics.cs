namespace ShapeSafe.Torch.Training;

/// <summary>Precision, recall and F1 of one class; <see cref="Support"/> is how many images truly belong to it.</summary>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);
