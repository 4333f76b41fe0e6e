namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Softmax(dim=None): shape preserving along dim (see <see cref="SoftmaxRuleBase"/>).</summary>
public sealed class SoftmaxRule : SoftmaxRuleBase
{
    public override string Type => "Softmax";

    protected override string FunctionName => "softmax";
}
