using System.Text;
using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Writes a model-file line such as <c>fc1 = Linear(2048, 128)</c> from a module's description and
/// builds the <see cref="LayerCall"/> the parser would have made of it, spans included, so the core's
/// rules and fixes work on traced modules exactly as on model files.
/// </summary>
internal static class LayerCallBuilder
{
    public static string Render(string type, IReadOnlyList<Argument> arguments) => Build(null, type, arguments, 1).LineText;

    public static LayerCall Build(string? name, string type, IReadOnlyList<Argument> arguments, int line)
    {
        var text = new StringBuilder();
        if (name is not null)
        {
            text.Append(name).Append(" = ");
        }

        var typeStart = text.Length + 1;
        text.Append(type);
        var typeSpan = new SourceSpan(line, typeStart, text.Length + 1);
        text.Append('(');
        var placed = new List<Argument>(arguments.Count);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            var argument = arguments[i];
            var keywordSpan = SourceSpan.None;
            if (argument.Keyword is not null)
            {
                keywordSpan = new SourceSpan(line, text.Length + 1, text.Length + 1 + argument.Keyword.Length);
                text.Append(argument.Keyword).Append('=');
            }

            placed.Add(new Argument(argument.Keyword, keywordSpan, Place(argument.Value, text, line)));
        }

        text.Append(')');
        return new LayerCall(type, name, placed, line, typeSpan, new SourceSpan(line, typeStart, text.Length + 1), text.ToString());
    }

    /// <summary>Appends a value's text and returns it with its span (tuple items too).</summary>
    private static ArgValue Place(ArgValue value, StringBuilder text, int line)
    {
        var start = text.Length + 1;
        if (value.Kind != ArgKind.Tuple)
        {
            text.Append(value.Text);
            return value with { Span = new SourceSpan(line, start, text.Length + 1) };
        }

        text.Append('(');
        var items = new List<ArgValue>(value.Items.Count);
        for (var i = 0; i < value.Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            items.Add(Place(value.Items[i], text, line));
        }

        text.Append(value.Items.Count == 1 ? ",)" : ")");
        return value with { Span = new SourceSpan(line, start, text.Length + 1), Items = items, Text = text.ToString(start - 1, text.Length - start + 1) };
    }
}
