namespace ShapeSafe.Tests.Commands.TraceFixtures;

/// <summary>A public class that is not a TorchSharp module.</summary>
public sealed class NotAModule
{
    public int Layers { get; init; } = 3;
}
