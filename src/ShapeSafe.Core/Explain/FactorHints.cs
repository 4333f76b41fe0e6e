namespace ShapeSafe.Explain;

/// <summary>
/// The channels x height x width combinations (square maps) that multiply to <see cref="Value"/>,
/// most plausible first, and the prime factorization as a fallback for sizes with no such form.
/// </summary>
public sealed record FactorHints(long Value, IReadOnlyList<FactorHint> Candidates, string PrimeFactorization)
{
    /// <summary><c>29040 = 60x22x22 = 15x44x44 = 240x11x11</c>, or the prime factorization when no candidate is plausible.</summary>
    public override string ToString() => Candidates.Count > 0
        ? $"{Value} = {string.Join(" = ", Candidates)}"
        : $"{Value} = {PrimeFactorization}";
}
