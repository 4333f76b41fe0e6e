using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>setStorage: sizes [128, 8192], strides [8192, 1], storage offset 0, and itemsize 4 requiring a storage size of 4194304 are out of bounds for storage of size 1048576</c>:
/// TorchSharp.PyBridge's load_py reading a checkpoint tensor into a smaller model parameter.
/// </summary>
public sealed partial class StorageOutOfBoundsRecognizer : IMessageRecognizer
{
    public string Kind => "load-tensor-too-large";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Parse(m.Groups[1].Value) is not { Length: > 0 } sizes || SizeList.Long(m.Groups[2].Value) is not { } itemSize || itemSize <= 0
            || SizeList.Long(m.Groups[3].Value) is not { } needed || SizeList.Long(m.Groups[4].Value) is not { } available)
        {
            return null;
        }

        var elements = SizeList.Product(sizes);
        var modelElements = available / itemSize;
        var notes = new List<string>();
        var leading = SizeList.Product(sizes[..^1]);
        if (leading is > 0 && modelElements % leading.Value == 0)
        {
            var last = modelElements / leading.Value;
            notes.Add($"If only the last dimension differs, the model's parameter is [{string.Join(", ", sizes[..^1].Append(last))}]: {sizes[^1]} in the file, {last} in the model "
                + (sizes.Length == 2 ? $"(for a Linear weight [out_features, in_features]: in_features {sizes[^1]} vs {last})." : "."));
        }

        notes.Add("load_py does not compare shapes: a tensor in the file that is smaller than the model's parameter can load without any error. Check the shapes of all parameters.");
        return new Explanation
        {
            Kind = Kind,
            Title = "A saved tensor is larger than the model's parameter it is loaded into",
            Summary = $"A tensor of shape [{string.Join(", ", sizes)}] ({elements?.ToString() ?? "too many"} elements) from the file does not fit the model's parameter, which holds {modelElements} elements ({available} bytes).",
            Numbers =
            [
                new("checkpoint_elements", elements ?? -1, "elements of the tensor in the file"),
                new("model_elements", modelElements, "elements of the model's parameter it is read into"),
                new("item_size", itemSize, "bytes per element"),
                new("required_bytes", needed, "bytes the file's tensor needs"),
                new("available_bytes", available, "bytes of the model parameter's storage"),
            ],
            Shapes = [new("checkpoint_shape", sizes, "shape of the tensor in the file")],
            Cause = "TorchSharp.PyBridge's load_py reads each saved tensor into the model's existing parameter; the model is built with smaller sizes than the saved one (e.g. another in_features or number of channels).",
            Fixes =
            [
                $"Build the model with the saved sizes: the parameter must be [{string.Join(", ", sizes)}].",
                "Or remove the differing entries from the checkpoint before loading.",
            ],
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"setStorage: sizes \[([0-9, ]{1,400})\], strides \[[0-9, ]{0,400}\], storage offset [0-9]{1,19}, and itemsize ([0-9]{1,19}) requiring a storage size of ([0-9]{1,19}) are out of bounds for storage of size ([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
