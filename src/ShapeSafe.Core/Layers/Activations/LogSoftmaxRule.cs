namespace ShapeSafe.Layers.Activations;

/// <summary>nn.LogSoftmax(dim=None): shape preserving along dim (see <see cref="SoftmaxRuleBase"/>).</summary>
public sealed class LogSoftmaxRule : SoftmaxRuleBase
{
    public override string Type => "LogSoftmax";

    protected override string FunctionName => "log_softmax";
}
