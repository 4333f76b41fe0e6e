using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>One call of a submodule as the hooks saw it: open from its pre-hook until its forward hook.</summary>
internal sealed class TracedCall
{
    public TracedCall(TracedModule module, int index, int call, Shape? input, TracedCall? previousLeaf)
    {
        Module = module;
        Index = index;
        Call = call;
        Input = input;
        PreviousLeaf = previousLeaf;
    }

    public TracedModule Module { get; }

    /// <summary>Position among leaf calls, from 1 (0 for containers).</summary>
    public int Index { get; }

    /// <summary>Which call of this module, from 1.</summary>
    public int Call { get; }

    public Shape? Input { get; }

    public Shape? Output { get; set; }

    public bool Completed { get; set; }

    /// <summary>The leaf call that completed last before this call started.</summary>
    public TracedCall? PreviousLeaf { get; }

    /// <summary>"`pool` (call 2)" or "`fc1`".</summary>
    public string Label => Module.Calls > 1 || Call > 1 ? $"`{Module.Path}` (call {Call})" : $"`{Module.Path}`";
}
