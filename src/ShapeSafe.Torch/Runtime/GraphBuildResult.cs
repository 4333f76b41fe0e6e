namespace ShapeSafe.Torch.Runtime;

/// <summary>What <see cref="GraphModule.Build"/> made: the runnable module, or why there is none in plain words.</summary>
public sealed record GraphBuildResult(GraphModule? Module, string? Failure)
{
    public bool Succeeded => Module is not null;
}
