using ShapeSafe.Dataflow;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>An <c>nn</c> module the engine has no rule for (<c>nn.LSTM</c>) or could not construct: calling it gives an unknown tensor.</summary>
public sealed class PyOpaqueModule(ModuleInfo info, string reason) : PyModule(info)
{
    public string Reason { get; } = reason;

    /// <summary>The constructor's arguments, for the modules the torch table models without a layer rule (<c>nn.LSTM</c>).</summary>
    public ShapeSafe.Python.Binding.Torch.CallArgs ConstructorArgs { get; init; } = ShapeSafe.Python.Binding.Torch.CallArgs.Empty;
}
