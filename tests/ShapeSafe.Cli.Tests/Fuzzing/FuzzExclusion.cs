namespace ShapeSafe.Tests.Fuzzing;

/// <summary>
/// A family of cases the suite does not run yet because it hits a defect listed in issue #10 that another change
/// fixes: the family, the mutations (empty: every mutation), and the issue's item. The lead empties the list after merging.
/// </summary>
public sealed record FuzzExclusion(string Family, Mutation[] Mutations, string IssueItem)
{
    public bool Matches(string family, Mutation mutation) =>
        Family == family && (Mutations.Length == 0 || Mutations.Contains(mutation));
}
