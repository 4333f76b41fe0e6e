namespace ShapeSafe.Layers.Normalization;

/// <summary>nn.InstanceNorm2d: 3D (unbatched) or 4D input (see <see cref="InstanceNormRuleBase"/>).</summary>
public sealed class InstanceNorm2dRule : InstanceNormRuleBase
{
    public override string Type => "InstanceNorm2d";

    protected override int SpatialDims => 2;
}
