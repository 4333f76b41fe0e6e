namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ReflectionPad3d(padding): reflection padding of 4D or 5D input (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ReflectionPad3dRule : PaddingRuleBase
{
    public override string Type => "ReflectionPad3d";

    protected override int SpatialDims => 3;

    protected override PaddingMode Mode => PaddingMode.Reflect;
}
