using ShapeSafe.Dataflow;

namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// Which node values each step reads, and which values a step reads for the last time (torch.fx's Interpreter frees a
/// value after its last use the same way): the runtime drops the tensors it made itself once nothing later reads them, so
/// a forward holds no more memory than a <c>Sequential</c> that disposes each layer's input after the layer ran.
/// </summary>
internal sealed class ValueLifetimes
{
    private ValueLifetimes(int[][] uses, int[][] lastUses)
    {
        Uses = uses;
        LastUses = lastUses;
    }

    /// <summary>For each step, the node indices whose values its arguments and keywords read (each once).</summary>
    public int[][] Uses { get; }

    /// <summary>For each step, the node indices it is the last reader of; a value nothing reads is listed at its own step. Empty for the output step.</summary>
    public int[][] LastUses { get; }

    /// <summary>Lifetimes for steps whose positional arguments are <paramref name="args"/>[i] and keywords <paramref name="kwargs"/>[i].</summary>
    public static ValueLifetimes Compute(IReadOnlyList<Node> nodes, IReadOnlyList<IReadOnlyList<NodeArg>> args, IReadOnlyList<IReadOnlyList<KeyValuePair<string, NodeArg>>> kwargs)
    {
        var count = nodes.Count;
        var uses = new int[count][];
        var last = new int[count];
        Array.Fill(last, -1);
        var found = new List<int>();
        for (var step = 0; step < count; step++)
        {
            found.Clear();
            foreach (var arg in args[step])
            {
                Collect(arg, found);
            }

            foreach (var (_, arg) in kwargs[step])
            {
                Collect(arg, found);
            }

            uses[step] = [.. found.Distinct()];
            foreach (var index in uses[step])
            {
                last[index] = Math.Max(last[index], step);
            }
        }

        var lastUses = new List<int>[count];
        for (var index = 0; index < count; index++)
        {
            var step = last[index] < 0 ? index : last[index];
            (lastUses[step] ??= []).Add(index);
        }

        var released = new int[count][];
        for (var step = 0; step < count; step++)
        {
            released[step] = nodes[step].Kind == NodeKind.Output || lastUses[step] is null ? [] : [.. lastUses[step]];
        }

        return new ValueLifetimes(uses, released);
    }

    private static void Collect(NodeArg? arg, List<int> into)
    {
        switch (arg)
        {
            case NodeRefArg r:
                into.Add(r.Node.Index);
                break;
            case ListArg l:
                foreach (var item in l.Items)
                {
                    Collect(item, into);
                }

                break;
            case SliceArg s:
                Collect(s.Start, into);
                Collect(s.Stop, into);
                Collect(s.Step, into);
                break;
        }
    }
}
