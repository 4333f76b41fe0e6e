namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ReflectionPad2d(padding): reflection padding of 3D or 4D input (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ReflectionPad2dRule : PaddingRuleBase
{
    public override string Type => "ReflectionPad2d";

    protected override int SpatialDims => 2;

    protected override PaddingMode Mode => PaddingMode.Reflect;
}
