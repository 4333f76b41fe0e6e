using System.Globalization;
using System.Text;
using ShapeSafe.Dataflow;
using ShapeSafe.Inference;
using ShapeSafe.Layers;

namespace ShapeSafe.Interop;

/// <summary>
/// Writes a checked model file as a readable PyTorch <c>nn.Module</c> (model.py of <c>export --to pytorch</c>), from the
/// dataflow graph the file lowers to: one <c>self.NAME = nn.Type(...)</c> per module in registration order, then
/// <c>forward</c> calling them in the graph's order with each output shape as a comment. Lazy layers become their
/// plain type with the inferred sizes written in (<c>nn.LazyLinear(128)</c> → <c>nn.Linear(3136, 128)</c>), so the
/// module has no uninitialized parameters. Module names are the built Sequential's, so the state_dict keys are the
/// ones <c>export --to pt</c> writes and weights load with <c>strict=True</c>.
/// </summary>
public static class PyTorchModuleWriter
{
    /// <summary>The Python class name for a model name: <c>fashion_mnist</c> → <c>FashionMnist</c>; <c>Model</c> when nothing usable is left.</summary>
    public static string ClassNameFor(string modelName)
    {
        var builder = new StringBuilder();
        foreach (var part in modelName.Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(part.Where(c => char.IsAsciiLetterOrDigit(c)).ToArray());
            if (letters.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(letters[0])).Append(letters[1..]);
            }
        }

        return builder.Length == 0 || char.IsAsciiDigit(builder[0]) ? "Model" + builder : builder.ToString();
    }

    /// <summary>
    /// The module's source; <paramref name="check"/> must have no errors (every layer known, every size inferred).
    /// <paramref name="origin"/> names the model file in the header comment.
    /// </summary>
    public static string Write(CheckResult check, string className, string origin)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.HasErrors || check.Input is null || check.Output is null)
        {
            throw new ArgumentException("only a model file that checks without errors can be written as PyTorch source", nameof(check));
        }

        var graph = ModelFileGraph.Lower(check);
        var text = new StringBuilder();
        text.Append("\"\"\"").Append(className).Append(": written by `shapesafe export --to pytorch` from ").Append(origin).AppendLine(".");
        text.AppendLine();
        text.Append("Input ").Append(check.Input).Append(", output ").Append(check.Output)
            .AppendLine(". The sizes ShapeSafe inferred are written in (no Lazy layers),");
        text.AppendLine("and the module names are those of `shapesafe export --to pt`, so its state_dict loads with strict=True.");
        text.AppendLine("\"\"\"");
        text.AppendLine();
        text.AppendLine("from torch import nn");
        text.AppendLine();
        text.Append("INPUT_SHAPE = ").AppendLine(Tuple(check.Input, skipBatch: true));
        text.AppendLine();
        text.AppendLine();
        text.Append("class ").Append(className).AppendLine("(nn.Module):");
        text.AppendLine("    def __init__(self):");
        text.AppendLine("        super().__init__()");
        foreach (var module in graph.Root.Children)
        {
            var constructor = Constructor(module);
            text.Append("        ");
            text.AppendLine(IsIdentifier(module.Name)
                ? $"self.{module.Name} = {constructor}"
                : $"self.add_module({Quote(module.Name)}, {constructor})");
        }

        text.AppendLine();
        text.AppendLine("    def forward(self, x):");
        text.Append("        # x: ").AppendLine(check.Input.ToString());
        foreach (var node in graph.Nodes.Where(n => n.Kind == NodeKind.CallModule))
        {
            var name = node.Module!.Name;
            var call = IsIdentifier(name) ? $"self.{name}(x)" : $"getattr(self, {Quote(name)})(x)";
            text.Append("        x = ").Append(call).Append("  # ").AppendLine(node.Value.ToString());
        }

        text.AppendLine("        return x");
        return text.ToString();
    }

    /// <summary>One module's constructor: the plain (non-Lazy) type, required sizes by position, the rest by keyword.</summary>
    private static string Constructor(ModuleInfo module)
    {
        var entry = module.Entry ?? throw new ArgumentException($"{module.QualifiedName}: {module.Type} is not a layer the engine knows", nameof(module));
        var rule = entry.Rule;
        var parts = new List<string>();
        if (rule.Signature.AcceptsAnyArguments || module.Args is null)
        {
            parts.AddRange(module.Constructor?.Arguments.Select(a => a.Keyword is null ? a.Value.ToPython() : $"{a.Keyword}={a.Value.ToPython()}") ?? []);
        }
        else
        {
            var positional = true;
            foreach (var parameter in rule.Signature.Parameters)
            {
                string? value = module.Inferred.TryGetValue(parameter.Name, out var inferred)
                    ? inferred.ToString(CultureInfo.InvariantCulture)
                    : module.Args.IsExplicit(parameter.Name) && module.Args[parameter.Name] is { } given ? given.ToPython() : null;
                if (value is null)
                {
                    positional = false;
                    continue;
                }

                positional &= parameter.Default is null && !parameter.KeywordOnly;
                parts.Add(positional ? value : $"{parameter.Name}={value}");
            }
        }

        return $"nn.{rule.Type}({string.Join(", ", parts)})";
    }

    private static string Tuple(Shapes.Shape shape, bool skipBatch)
    {
        var dims = Enumerable.Range(skipBatch ? 1 : 0, shape.Rank - (skipBatch ? 1 : 0)).Select(i => shape[i].ToString()).ToArray();
        return "(" + string.Join(", ", dims) + (dims.Length == 1 ? ",)" : ")");
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !Keywords.Contains(name);

    private static string Quote(string name) => "'" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    };
}
