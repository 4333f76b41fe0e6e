namespace ShapeSafe.Shapes.Symbolic;

/// <summary><c>numerator % denominator</c> (Python modulo, the sign of the denominator) kept as a factor because it does not simplify.</summary>
internal sealed class ModAtom(SymExpr numerator, SymExpr denominator) : DivisionAtom(numerator, denominator)
{
    protected override int KindOrder => 2;

    protected override string Operator => "%";

    public override SymExpr Substitute(IReadOnlyDictionary<string, long> values) =>
        SymExpr.Mod(Numerator.Substitute(values), Denominator.Substitute(values));
}
