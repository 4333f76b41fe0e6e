using ShapeSafe.Tests.Tracing.Models;
using TorchSharp;

namespace ShapeSafe.Tests.Tracing;

/// <summary>The test modules by name, so theories can list them as data.</summary>
internal static class TracedModels
{
    public static torch.nn.Module Create(string name) => name switch
    {
        "CNNModel" => new CNNModel(),
        "CNNModel(8192)" => new CNNModel(32 * 16 * 16),
        "CNNModelDebug" => new CNNModelDebug(),
        "CNNModelFlatten" => new CNNModelFlatten(),
        "FoldedBatchModel" => new FoldedBatchModel(),
        "NestedSequentialModel" => new NestedSequentialModel(),
        "NestedSequentialModel(8)" => new NestedSequentialModel(8),
        "ForwardBypassModel" => new ForwardBypassModel(),
        "OuterModel" => new OuterModel(),
        "CustomLeafModel" => new CustomLeafModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such test module"),
    };
}
