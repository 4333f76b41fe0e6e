namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ReplicationPad3d(padding): replication padding of 4D or 5D input (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ReplicationPad3dRule : PaddingRuleBase
{
    public override string Type => "ReplicationPad3d";

    protected override int SpatialDims => 3;

    protected override PaddingMode Mode => PaddingMode.Replicate;
}
