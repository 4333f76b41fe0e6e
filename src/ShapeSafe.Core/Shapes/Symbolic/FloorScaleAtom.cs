using System.Text;

namespace ShapeSafe.Shapes.Symbolic;

/// <summary>
/// <c>floor(argument * scale)</c> for a float scale that is not an integer (as interpolation computes output sizes),
/// written with the scale's text as the caller prints it: <c>floor(H*1.5)</c>.
/// </summary>
internal sealed class FloorScaleAtom(SymExpr argument, double scale, string scaleText) : SymAtom
{
    public SymExpr Argument { get; } = argument;

    public double Scale { get; } = scale;

    public string ScaleText { get; } = scaleText;

    protected override int KindOrder => 3;

    public override bool IsPrimary => true;

    protected override int CompareSameKind(SymAtom other)
    {
        var scaled = (FloorScaleAtom)other;
        var byScale = Scale.CompareTo(scaled.Scale);
        return byScale != 0 ? byScale : Argument.CompareTo(scaled.Argument);
    }

    protected override int ComputeHash() => HashCode.Combine(KindOrder, Argument, Scale);

    public override void Render(StringBuilder text)
    {
        text.Append("floor(");
        Argument.RenderOperand(text);
        text.Append('*').Append(ScaleText).Append(')');
    }

    public override SymExpr Substitute(IReadOnlyDictionary<string, long> values) =>
        SymExpr.FloorScale(Argument.Substitute(values), Scale, ScaleText);

    public override void CollectSymbols(HashSet<string> names) => Argument.CollectSymbols(names);
}
