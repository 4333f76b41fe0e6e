namespace ShapeSafe.Torch.Inference;

/// <summary>One class of an image's top k: its name, its index in the checkpoint's classes, and its softmax probability.</summary>
public sealed record ClassGuess(string Class, int Index, double Probability);
