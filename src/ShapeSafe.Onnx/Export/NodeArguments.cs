using ShapeSafe.Dataflow;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// A node's argument as the mappers read it: positional <paramref name="index"/>, else the keyword, resolved to the
/// exporter's value; a node that recorded no arguments reads its tensor inputs in order.
/// </summary>
internal static class NodeArguments
{
    public static object? Get(Node node, int index, string name, Func<NodeArg, object?> resolve)
    {
        var args = node.Args.Count > 0 || node.Kwargs.Count > 0 ? node.Args : [.. node.Inputs.Select(i => (NodeArg)new NodeRefArg(i))];
        if (index >= 0 && index < args.Count)
        {
            return resolve(args[index]);
        }

        foreach (var (key, value) in node.Kwargs)
        {
            if (key == name)
            {
                return resolve(value);
            }
        }

        return null;
    }
}
