namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ConstantPad3d(padding, value): constant padding of the last 3 dimension(s) (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ConstantPad3dRule : ConstantPadRuleBase
{
    public override string Type => "ConstantPad3d";

    protected override int SpatialDims => 3;
}
