namespace ShapeSafe.Torch.Inference;

/// <summary>An image's top k classes, most probable first.</summary>
public sealed record ImagePrediction(string Image, IReadOnlyList<ClassGuess> Top);
