using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Inference;

/// <summary>
/// The state carried from layer to layer while checking: the current shape, which layers shaped
/// it (for "conv2 → pool (line 6)" origins), what Flatten received, and the receptive field.
/// </summary>
internal sealed class Flow
{
    private readonly List<(LayerCall Call, Shape Output)> _shapers = [];
    private double[]? _field;
    private double[]? _jump;

    public Flow(Shape? input)
    {
        Current = input;
        InputShape = input;
        OriginFactory = Origin;
    }

    /// <summary><see cref="Origin"/> as a delegate made once, for the layer contexts that build it only for a diagnostic.</summary>
    public Func<string> OriginFactory { get; }

    public Shape? Current { get; private set; }

    public Shape? InputShape { get; }

    /// <summary>The shape the most recent Flatten received, while the flattened dimension is the last one.</summary>
    public Shape? FlattenedFrom { get; private set; }

    /// <summary>The call of the most recent Flatten (while <see cref="FlattenedFrom"/> holds).</summary>
    public LayerCall? FlattenCall { get; private set; }

    public void Stop() => Current = null;

    public void MoveTo(LayerCall call, string ruleType, Shape input, Shape? output)
    {
        Current = output;
        if (output is null)
        {
            return;
        }

        if (ruleType == "Flatten" && output.Rank > 0 && output.Rank < input.Rank)
        {
            FlattenedFrom = input;
            FlattenCall = call;
        }
        else if (!output.Equals(input))
        {
            FlattenedFrom = null;
            FlattenCall = null;
            _shapers.Add((call, output));
        }
    }

    /// <summary>Where the current tensor came from, in words.</summary>
    public string Origin()
    {
        if (_shapers.Count == 0)
        {
            return "the input";
        }

        var last = _shapers[^1];
        var names = _shapers.Count > 1 ? $"{_shapers[^2].Call.Name ?? _shapers[^2].Call.Type} → {last.Call.Name ?? last.Call.Type}" : last.Call.Name ?? last.Call.Type;
        var produced = last.Output.Rank > 1 ? last.Output.Slice(1, last.Output.Rank) : last.Output;
        var total = produced.Product();
        var totalText = produced.Rank > 1 && total.IsKnown ? $" = {total}" : string.Empty;
        return $"{names} (line {last.Call.Line}) produces {produced}{totalText}";
    }

    /// <summary>Updates the receptive field with a spatial layer's window; returns the field after it, or null for non-spatial layers.</summary>
    public double[]? Advance(SpatialWindow? window)
    {
        if (window is null)
        {
            return null;
        }

        var rank = window.Kernel.Length;
        if (_field is null || _field.Length != rank)
        {
            _field = new double[rank];
            _jump = new double[rank];
            Array.Fill(_field, 1.0);
            Array.Fill(_jump, 1.0);
        }

        for (var i = 0; i < rank; i++)
        {
            _field[i] += (window.Kernel[i] - 1) * window.Dilation[i] * _jump![i];
            _jump[i] *= window.Stride[i];
        }

        return (double[])_field.Clone();
    }
}
