namespace ShapeSafe.Layers.Normalization;

/// <summary>nn.InstanceNorm3d: 4D (unbatched) or 5D input (see <see cref="InstanceNormRuleBase"/>).</summary>
public sealed class InstanceNorm3dRule : InstanceNormRuleBase
{
    public override string Type => "InstanceNorm3d";

    protected override int SpatialDims => 3;
}
