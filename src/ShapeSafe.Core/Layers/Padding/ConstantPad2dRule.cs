namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ConstantPad2d(padding, value): constant padding of the last 2 dimension(s) (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ConstantPad2dRule : ConstantPadRuleBase
{
    public override string Type => "ConstantPad2d";

    protected override int SpatialDims => 2;
}
