using System.Text;

namespace ShapeSafe.Shapes.Symbolic;

/// <summary>An atom <c>numerator op denominator</c> that could not be simplified: a floor division or a modulo.</summary>
internal abstract class DivisionAtom : SymAtom
{
    protected DivisionAtom(SymExpr numerator, SymExpr denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public SymExpr Numerator { get; }

    /// <summary>A positive constant, or a symbolic expression whose leading coefficient is positive.</summary>
    public SymExpr Denominator { get; }

    /// <summary>The Python operator: <c>//</c> or <c>%</c>.</summary>
    protected abstract string Operator { get; }

    public override bool IsPrimary => false;

    protected override int CompareSameKind(SymAtom other)
    {
        var division = (DivisionAtom)other;
        var byDenominator = Denominator.CompareTo(division.Denominator);
        return byDenominator != 0 ? byDenominator : Numerator.CompareTo(division.Numerator);
    }

    protected override int ComputeHash() => HashCode.Combine(KindOrder, Numerator, Denominator);

    public override void Render(StringBuilder text)
    {
        Numerator.RenderOperand(text);
        text.Append(Operator);
        Denominator.RenderOperand(text);
    }

    public override void CollectSymbols(HashSet<string> names)
    {
        Numerator.CollectSymbols(names);
        Denominator.CollectSymbols(names);
    }
}
