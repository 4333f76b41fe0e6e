using System.Text;

namespace ShapeSafe.Shapes.Symbolic;

/// <summary>
/// A named symbol such as <c>N</c> or <c>H</c>. Layout letters sort in tensor order (N, B, C, T, D, H, W, L, either
/// case) so that products read <c>N*C*H*W</c>; other names follow, in ordinal order.
/// </summary>
internal sealed class SymbolAtom : SymAtom
{
    private const string LayoutLetters = "NBCTDHWL";

    private readonly int _priority;

    public SymbolAtom(string name)
    {
        Name = name;
        IsIdentifier = CheckIdentifier(name);
        _priority = name.Length == 1 && LayoutLetters.IndexOf(char.ToUpperInvariant(name[0]), StringComparison.Ordinal) is var i and >= 0
            ? i
            : LayoutLetters.Length;
    }

    public string Name { get; }

    /// <summary>True for a Python identifier; other names are opaque and written in parentheses inside expressions.</summary>
    public bool IsIdentifier { get; }

    protected override int KindOrder => 0;

    public override bool IsPrimary => IsIdentifier;

    public static bool CheckIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    protected override int CompareSameKind(SymAtom other)
    {
        var symbol = (SymbolAtom)other;
        var byPriority = _priority.CompareTo(symbol._priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(Name, symbol.Name);
    }

    protected override int ComputeHash() => StringComparer.Ordinal.GetHashCode(Name);

    public override void Render(StringBuilder text) => text.Append(Name);

    public override SymExpr Substitute(IReadOnlyDictionary<string, long> values) =>
        values.TryGetValue(Name, out var value) ? SymExpr.Constant(value) : SymExpr.FromAtom(this);

    public override void CollectSymbols(HashSet<string> names) => names.Add(Name);
}
