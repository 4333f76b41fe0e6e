namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ZeroPad2d(padding): zero padding of the last 2 dimension(s) (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ZeroPad2dRule : PaddingRuleBase
{
    public override string Type => "ZeroPad2d";

    protected override int SpatialDims => 2;

    protected override PaddingMode Mode => PaddingMode.Constant;
}
