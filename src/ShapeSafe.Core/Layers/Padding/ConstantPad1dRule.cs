namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ConstantPad1d(padding, value): constant padding of the last 1 dimension(s) (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ConstantPad1dRule : ConstantPadRuleBase
{
    public override string Type => "ConstantPad1d";

    protected override int SpatialDims => 1;
}
