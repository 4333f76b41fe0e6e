namespace ShapeSafe.Layers.Padding;

/// <summary>nn.ReplicationPad2d(padding): replication padding of 3D or 4D input (see <see cref="PaddingRuleBase"/>).</summary>
public sealed class ReplicationPad2dRule : PaddingRuleBase
{
    public override string Type => "ReplicationPad2d";

    protected override int SpatialDims => 2;

    protected override PaddingMode Mode => PaddingMode.Replicate;
}
