namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ZeroPad3d(padding): zero padding of the last 3 dimension(s) (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ZeroPad3dRule : PaddingRuleBase
{
    public override string Type => "ZeroPad3d";

    protected override int SpatialDims => 3;

    protected override PaddingMode Mode => PaddingMode.Constant;
}
