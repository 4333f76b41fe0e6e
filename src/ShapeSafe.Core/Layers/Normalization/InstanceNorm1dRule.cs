namespace ShapeSafe.Layers.Normalization;

/// <summary>nn.InstanceNorm1d: 2D (unbatched) or 3D input (see <see cref="InstanceNormRuleBase"/>).</summary>
public sealed class InstanceNorm1dRule : InstanceNormRuleBase
{
    public override string Type => "InstanceNorm1d";

    protected override int SpatialDims => 1;
}
