namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ReplicationPad1d(padding): replication padding of 2D or 3D input (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ReplicationPad1dRule : PaddingRuleBase
{
    public override string Type => "ReplicationPad1d";

    protected override int SpatialDims => 1;

    protected override PaddingMode Mode => PaddingMode.Replicate;
}
