using System.Globalization;
using ShapeSafe.Checking;
using ShapeSafe.Dataflow;
using ShapeSafe.Shapes;
using Spectre.Console;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The summary of a Python model as torchinfo prints it: the module tree with qualified names, each module's type, the
/// line it is constructed on, its output shape (of its first call; how many calls when more), and its parameters, a
/// module shared by two parents counted once (where <c>named_modules()</c> first reaches it).
/// </summary>
public static class ModuleTreeRenderer
{
    public static void Render(IAnsiConsole console, FileCheck check)
    {
        var inputs = check.Inputs.Count == 0 ? "?" : string.Join(", ", check.Inputs);
        var title = $"{check.Path}  ({check.Python?.ClassName ?? "?"}, input {inputs})";
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("Layer (type)");
        table.AddColumn("Line", c => c.RightAligned());
        table.AddColumn("Output shape");
        table.AddColumn("Params", c => c.RightAligned());
        if (check.Graph is { } graph)
        {
            var calls = new Dictionary<ModuleInfo, (Node First, int Count)>(ReferenceEqualityComparer.Instance);
            foreach (var node in graph.Nodes)
            {
                if (node is { Kind: NodeKind.CallModule, Module: { } module })
                {
                    calls[module] = calls.TryGetValue(module, out var seen) ? (seen.First, seen.Count + 1) : (node, 1);
                }
            }

            var counted = new HashSet<ModuleInfo>(ReferenceEqualityComparer.Instance);
            AddRows(table, graph.Root, string.Empty, true, calls, counted, isRoot: true, check);
        }

        console.Write(table);
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("Parameters", Units.Count(check.TotalParameters));
        grid.AddRow("Parameter memory (fp32)", Units.Megabytes(TensorLimits.TimesOrNull(check.TotalParameters, TensorLimits.ElementBytes)));
        grid.AddRow("Output", ModelOutput(check));
        console.Write(grid);
        console.WriteLine();
    }

    private static void AddRows(Table table, ModuleInfo module, string prefix, bool last, Dictionary<ModuleInfo, (Node First, int Count)> calls,
        HashSet<ModuleInfo> counted, bool isRoot, FileCheck check, string? alias = null)
    {
        var shared = alias is not null || !counted.Add(module);
        var branch = isRoot ? string.Empty : prefix + (last ? "└─" : "├─");
        var name = alias ?? module.Name;
        var label = isRoot ? module.Type : $"{name} ({module.Type}){(shared ? $" = {module.QualifiedName}" : string.Empty)}";
        string output;
        if (isRoot)
        {
            output = ModelOutput(check);
        }
        else if (calls.TryGetValue(module, out var call))
        {
            output = call.First.Value.ToString() + (call.Count > 1 ? $" (x{call.Count.ToString(CultureInfo.InvariantCulture)})" : string.Empty);
        }
        else
        {
            output = "--";
        }

        var parameters = shared ? "(shared)" : Units.Count(UniqueParameters(module, counted));
        var line = module.Constructor?.Line is { } l and > 0 ? l.ToString(CultureInfo.InvariantCulture) : string.Empty;
        table.AddRow(new Text(branch + label), new Text(line), new Text(output), new Text(parameters));
        if (shared)
        {
            return;
        }

        var childPrefix = isRoot ? string.Empty : prefix + (last ? "  " : "│ ");
        var registrations = module.Registrations;
        for (var i = 0; i < registrations.Count; i++)
        {
            var (childName, child) = registrations[i];
            var isTreeChild = ReferenceEquals(child.Parent, module) && child.Name == childName;
            AddRows(table, child, childPrefix, i == registrations.Count - 1, calls, counted, isRoot: false, check, isTreeChild ? null : childName);
        }
    }

    /// <summary>
    /// The model's output: certain when the check is clean; after an error, the output assumed once the errors are fixed,
    /// written "(1x10)?" as the model-file table writes assumed shapes.
    /// </summary>
    private static string ModelOutput(FileCheck check) => check.Output?.ToString()
        ?? (check.Python?.Output is { } assumed and not UnknownValue ? (check.HasErrors ? $"({assumed})?" : assumed.ToString()) : "-");

    /// <summary>The module's own parameters and those of descendants not yet counted elsewhere (without marking them).</summary>
    private static long UniqueParameters(ModuleInfo module, HashSet<ModuleInfo> counted)
    {
        var seen = new HashSet<ModuleInfo>(counted, ReferenceEqualityComparer.Instance);
        return Sum(module, seen, isTop: true);

        static long Sum(ModuleInfo m, HashSet<ModuleInfo> seen, bool isTop)
        {
            if (!isTop && !seen.Add(m))
            {
                return 0;
            }

            var total = m.OwnParameters;
            foreach (var child in m.Children)
            {
                total += Sum(child, seen, isTop: false);
            }

            return total;
        }
    }
}
