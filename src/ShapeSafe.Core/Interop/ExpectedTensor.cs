namespace ShapeSafe.Interop;

/// <summary>One entry of a model's state_dict as built: its key (<c>bn1.running_mean</c>) and shape.</summary>
public sealed record ExpectedTensor(string Key, IReadOnlyList<long> Shape);
