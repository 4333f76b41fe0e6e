namespace ShapeSafe.Tests.Python;

/// <summary>Tests that measure time run alone, after the parallel ones, so other tests do not slow them down.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
