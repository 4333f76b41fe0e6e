namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ZeroPad1d(padding): zero padding of the last 1 dimension(s) (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ZeroPad1dRule : PaddingRuleBase
{
    public override string Type => "ZeroPad1d";

    protected override int SpatialDims => 1;

    protected override PaddingMode Mode => PaddingMode.Constant;
}
