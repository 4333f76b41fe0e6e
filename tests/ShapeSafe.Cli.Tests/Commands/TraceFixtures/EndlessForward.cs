using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Commands.TraceFixtures;

/// <summary>A forward that never returns (a wait on a signal nobody sets): the trace must stop it at its timeout.</summary>
public sealed class EndlessForward : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Module<Tensor, Tensor> linear;
#pragma warning restore IDE1006

    public EndlessForward()
        : base(nameof(EndlessForward))
    {
        linear = Linear(4, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = linear.call(x);
        using var never = new ManualResetEventSlim(false);
        never.Wait();
        return y;
    }
}
