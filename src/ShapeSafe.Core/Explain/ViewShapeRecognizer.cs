using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>shape '[-1, 2048]' is invalid for input of size 692227</c>: a view/reshape whose hand-written sizes do not divide
/// (or multiply to) the tensor's element count.
/// </summary>
public sealed partial class ViewShapeRecognizer : IMessageRecognizer
{
    public string Kind => "view-shape-invalid";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Parse(m.Groups[1].Value) is not { } shape || SizeList.Long(m.Groups[2].Value) is not { } total)
        {
            return null;
        }

        var inferred = shape.Count(d => d == -1);
        var known = SizeList.Product(shape.Where(d => d != -1));
        var shapeText = "[" + string.Join(", ", shape) + "]";
        var numbers = new List<ExplainedNumber> { new("total_elements", total, "elements of the tensor being reshaped") };
        if (known is { } p)
        {
            numbers.Add(new("known_product", p, inferred > 0 ? "product of the sizes given (the -1 excluded)" : "product of the sizes given: the elements the new shape holds"));
        }

        var summary = inferred > 0
            ? $"view/reshape to {shapeText} needs the {total} elements to be a multiple of {known?.ToString() ?? "the sizes given"}, and they are not."
            : $"view/reshape to {shapeText} holds {known?.ToString() ?? "a different number of"} elements, but the tensor has {total}.";

        var notes = new List<string>();
        long? perSample = null;
        if (shape.Length >= 2 && shape[0] > 0 && total % shape[0] == 0)
        {
            perSample = total / shape[0];
            notes.Add($"{total} / {shape[0]} = {perSample}: with a batch of {shape[0]}, each sample has {perSample} elements.");
        }
        else if (context.Batch is { } batch && batch > 0 && total % batch == 0)
        {
            perSample = total / batch;
            notes.Add($"{total} / {batch} (your batch) = {perSample}: each sample has {perSample} elements.");
        }
        else
        {
            notes.Add($"{total} = {FactorAnalysis.PrimeFactorization(total)}; with the batch size B, each sample has {total} / B elements.");
        }

        var fixes = new List<string>
        {
            "Flatten with x.flatten(1) (nn.Flatten()) or x.view(x.size(0), -1): they keep the batch and need no hand-computed number.",
            perSample is { } f
                ? $"Then set the next Linear's in_features to {f} (or let it be inferred: nn.LazyLinear, or omit in_features in a ShapeSafe model file)."
                : "Then set the next Linear's in_features to the features per sample (or let it be inferred: nn.LazyLinear, or omit in_features in a ShapeSafe model file).",
        };

        return new Explanation
        {
            Kind = Kind,
            Title = "view/reshape sizes do not fit the tensor",
            Summary = summary,
            Numbers = numbers,
            Shapes = [new("requested_shape", shape, "the shape passed to view/reshape (-1: inferred)")],
            Cause = "The sizes in view/reshape were computed by hand for another input size or layer configuration than the tensor really has (e.g. x.view(-1, 32 * 8 * 8) after maps that are not 32x8x8).",
            Fixes = fixes,
            FactorHints = perSample is { } ps ? FactorAnalysis.Hints(ps) : null,
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"shape '\[([-0-9, ]{0,400})\]' is invalid for input of size ([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
