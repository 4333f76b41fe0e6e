using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Python builtins the checker records as nodes when given a tensor: <c>abs(x)</c> (a tensor's <c>__abs__</c>). <c>len(x)</c>
/// is with the size reads (<see cref="SizeOps"/>); the other builtins fold to constants when the model is checked.
/// </summary>
internal static class BuiltinOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function("abs", c => c.Get(0, "x") is Tensor t ? t.abs() : throw c.Fail("abs() of " + OpCall.Describe(c.Get(0, "x")) + " is not run")),
    ];
}
