namespace ShapeSafe.Layers.Normalization;

/// <summary>nn.BatchNorm1d: 2D or 3D input (see <see cref="BatchNormRuleBase"/>).</summary>
public sealed class BatchNorm1dRule : BatchNormRuleBase
{
    private static readonly int[] AcceptedRanks = [2, 3];

    public override string Type => "BatchNorm1d";

    protected override IReadOnlyList<int> Ranks => AcceptedRanks;

    protected override string RankText => "2D or 3D";
}
