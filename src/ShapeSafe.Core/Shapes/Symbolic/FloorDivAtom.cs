namespace ShapeSafe.Shapes.Symbolic;

/// <summary><c>numerator // denominator</c> (Python floor division) kept as a factor because it does not simplify.</summary>
internal sealed class FloorDivAtom(SymExpr numerator, SymExpr denominator) : DivisionAtom(numerator, denominator)
{
    protected override int KindOrder => 1;

    protected override string Operator => "//";

    public override SymExpr Substitute(IReadOnlyDictionary<string, long> values) =>
        SymExpr.FloorDiv(Numerator.Substitute(values), Denominator.Substitute(values));
}
