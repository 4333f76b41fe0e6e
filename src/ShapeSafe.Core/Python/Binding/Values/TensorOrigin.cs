using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>The chain of layers and ops that shaped a tensor, newest last: "conv2 → pool (line 6) produces 32x16x16 = 8192".</summary>
public sealed record TensorOrigin(string Name, int Line, Shape Output, TensorOrigin? Previous)
{
    public override string ToString()
    {
        var names = Previous is null ? Name : $"{Previous.Name} → {Name}";
        var produced = Output.Rank > 1 ? Output.Slice(1, Output.Rank) : Output;
        var total = produced.Product();
        var totalText = produced.Rank > 1 && total.IsKnown ? $" = {total}" : string.Empty;
        return $"{names} (line {Line}) produces {produced}{totalText}";
    }
}
