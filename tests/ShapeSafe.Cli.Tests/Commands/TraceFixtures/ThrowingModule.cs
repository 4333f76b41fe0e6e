using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Commands.TraceFixtures;

/// <summary>A module whose constructor throws, as one with a bad configuration does.</summary>
public sealed class ThrowingModule : nn.Module<Tensor, Tensor>
{
    public ThrowingModule()
        : base(nameof(ThrowingModule)) => throw new InvalidOperationException("the data folder is not configured");

    public override Tensor forward(Tensor input) => input;
}
