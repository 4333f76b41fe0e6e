namespace ShapeSafe.Tests.Fuzzing;

/// <summary>The fuzzing suite runs alone: its memory bound reads the process's peak working set, which other tests would move.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzingCollection
{
    public const string Name = "Fuzzing";
}
