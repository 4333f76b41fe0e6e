namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Softmin(dim=None): shape preserving along dim (see <see cref="SoftmaxRuleBase"/>).</summary>
public sealed class SoftminRule : SoftmaxRuleBase
{
    public override string Type => "Softmin";

    protected override string FunctionName => "softmin";
}
