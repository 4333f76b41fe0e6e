using ShapeSafe.Ops;
using ShapeSafe.Shapes;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class IndexingTests
{
    /// <summary>
    /// Items written as in Python, separated by ';': 0, -1, :, 2:8:3, None, ..., L5x6 (a long index tensor of shape 5x6),
    /// M2x3 (a bool mask of shape 2x3 selecting K positions).
    /// </summary>
    private static IndexItem[] Items(string text) => text.Split(';').Select(Item).ToArray();

    private static IndexItem Item(string t)
    {
        t = t.Trim();
        if (t == "None")
        {
            return IndexItem.NewAxis;
        }

        if (t == "...")
        {
            return IndexItem.Ellipsis;
        }

        if (t[0] == 'L')
        {
            return IndexItem.LongTensor(S(t[1..]));
        }

        if (t[0] == 'M')
        {
            return IndexItem.Mask(t == "M" ? new Shape() : S(t[1..]), Dim.Sym("K"));
        }

        if (!t.Contains(':', StringComparison.Ordinal))
        {
            return IndexItem.Integer(long.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
        }

        var parts = t.Split(':');
        long? P(int i) => i < parts.Length && parts[i].Length > 0 ? long.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture) : null;
        return IndexItem.Slice(P(0), P(1), P(2));
    }

    [Theory]
    [InlineData("2x3", ":;0", "2", null)]
    [InlineData("2x3", ":;-3", "2", null)]
    [InlineData("2x10", ":;2:8:3", "2x2", null)]
    [InlineData("2x10", ":;-20:100", "2x10", null)]
    [InlineData("2x10", ":;8:2", "2x0", null)]
    [InlineData("2x10", ":;-3:", "2x3", null)]
    [InlineData("2x10", ":;:-3", "2x7", null)]
    [InlineData("2x10", ":;12:", "2x0", null)]
    [InlineData("2x3", "None;...;None;0", "1x2x1", null)]
    [InlineData("2x3x4", "...;0;...", "2x3", null)]
    [InlineData("2x3x4", "...;0;...;0", "SS0409", "index 0 is out of bounds for dimension 3 with size 0")]
    [InlineData("2x3x4", "...;0;...;0:1", "SS0410", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("scalar", "None", "1", null)]
    [InlineData("scalar", "...", "scalar", null)]
    [InlineData("2x3", ":;5", "SS0409", "index 5 is out of bounds for dimension 1 with size 3")]
    [InlineData("2x3", ":;-4", "SS0409", "index -4 is out of bounds for dimension 1 with size 3")]
    [InlineData("2x3", "None;:;5", "SS0409", "index 5 is out of bounds for dimension 2 with size 3")]
    [InlineData("2x3x4", "...;7", "SS0409", "index 7 is out of bounds for dimension 1 with size 4")]
    [InlineData("2x3x4", "0;...;7", "SS0409", "index 7 is out of bounds for dimension 2 with size 4")]
    [InlineData("0x3", "0", "SS0409", "index 0 is out of bounds for dimension 0 with size 0")]
    [InlineData("2x3", "0;0;0", "SS0410", "too many indices for tensor of dimension 2")]
    [InlineData("2x3", "0;0;...;0", "SS0410", "too many indices for tensor of dimension 2")]
    [InlineData("scalar", "0", "SS0410", "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")]
    [InlineData("scalar", "0:1", "SS0410", "slice() cannot be applied to a 0-dim tensor.")]
    [InlineData("scalar", "1", "SS0409", "index 1 is out of bounds for dimension 0 with size 0")]
    [InlineData("scalar", "-1", "SS0409", "index -1 is out of bounds for dimension 0 with size 0")]
    [InlineData("2x3", "::-1", "SS0415", "step must be greater than zero")]
    [InlineData("2x3", "::0", "SS0415", "slice step cannot be zero")]
    [InlineData("Nx3", ":;0", "N", null)]
    [InlineData("Nx3", "1:", "(N-1)x3", null)]
    [InlineData("Nx3", ":-1", "(N-1)x3", null)]
    [InlineData("Nx3", ":2", "2x3", null)]
    [InlineData("Nx3", "-2:", "2x3", null)]
    [InlineData("NxT", ":;::2", "Nx((T+1)//2)", null)]
    [InlineData("Nx3", "7", "3", null)]
    public void BasicIndexing(string input, string items, string expected, string? torch)
    {
        var r = Indexing.Index(S(input), Items(items));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3x4", ":;L5x6", "2x5x6x4", null)]
    [InlineData("2x3x4", "L5;:;L5", "5x3", null)]
    [InlineData("2x3x4", ":;L5;L5", "2x5", null)]
    [InlineData("2x3x4", "L5;0", "5x4", null)]
    [InlineData("2x3x4", "L5;0;L5", "5", null)]
    [InlineData("2x3x4x6", "L5;:;0;L5", "5x3", null)]
    [InlineData("2x3x4", "L5;None;L5", "5x1x4", null)]
    [InlineData("2x3x4", "L5;...;L5", "5x3", null)]
    [InlineData("2x3", "L5;...;L5", "5", null)]
    [InlineData("2x3", "L3", "3x3", null)]
    [InlineData("0", "L5", "SS0409", "index is out of bounds for dimension with size 0")]
    [InlineData("2x0", ":;L0", "2x0", null)]
    [InlineData("2x3", "M2x3", "K", null)]
    [InlineData("2x3x4", "M2x3", "Kx4", null)]
    [InlineData("2x3x4", ":;M3", "2xKx4", null)]
    [InlineData("2x3", "M", "Kx2x3", null)]
    [InlineData("2x3x4", ":;L5;L4", "SS0418", "shape mismatch: indexing tensors could not be broadcast together with shapes [5], [4]")]
    [InlineData("2x3x4", ":;M4", "SS0418", "The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 1")]
    public void AdvancedIndexing(string input, string items, string expected, string? torch)
    {
        var r = Indexing.Index(S(input), Items(items));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Fact]
    public void OutOfBoundsMessageNamesIndexDimAndSize() =>
        Assert.Equal("index: index 5 is out of bounds for dimension 1 with size 3",
            Indexing.Index(S("2x3"), Items(":;5")).Error!.Message);
}
