namespace ShapeSafe.Layers.Normalization;

/// <summary>nn.BatchNorm2d: 4D input (see <see cref="BatchNormRuleBase"/>).</summary>
public sealed class BatchNorm2dRule : BatchNormRuleBase
{
    private static readonly int[] AcceptedRanks = [4];

    public override string Type => "BatchNorm2d";

    protected override IReadOnlyList<int> Ranks => AcceptedRanks;

    protected override string RankText => "4D";
}
