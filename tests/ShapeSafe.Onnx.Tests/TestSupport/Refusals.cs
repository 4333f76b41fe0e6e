namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>
/// The runnable corpus models the exporter refuses, each with the op it names: ops with no exact ONNX equivalent
/// (random sampling).
/// </summary>
internal static class Refusals
{
    public static readonly IReadOnlyDictionary<string, string> ByFile = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tests/corpus/python/conv_vae_ok.py"] = "torch.randn_like",
    };
}
