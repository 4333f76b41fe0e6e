using ShapeSafe.Diagnostics;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// Why a training run could not start, in words (<see cref="Message"/>, which names the file or value),
/// with the model's diagnostics when it does not fit the data and, for missing data, the make-data command
/// that would write a data set this model trains on.
/// </summary>
public sealed record TrainingProblem(TrainingProblemKind Kind, string Message)
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    public string? Hint { get; init; }
}
