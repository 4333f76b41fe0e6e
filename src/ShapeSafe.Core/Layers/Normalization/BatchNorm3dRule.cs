namespace ShapeSafe.Layers.Normalization;

/// <summary>nn.BatchNorm3d: 5D input (see <see cref="BatchNormRuleBase"/>).</summary>
public sealed class BatchNorm3dRule : BatchNormRuleBase
{
    private static readonly int[] AcceptedRanks = [5];

    public override string Type => "BatchNorm3d";

    protected override IReadOnlyList<int> Ranks => AcceptedRanks;

    protected override string RankText => "5D";
}
