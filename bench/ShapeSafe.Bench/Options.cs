using System.Globalization;

namespace ShapeSafe.Bench;

/// <summary>The benchmarks' <c>--name value</c> options, and the model names they take.</summary>
internal static class Options
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    public static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary><c>seed</c> and <c>fashion</c> name the example model files; anything else is a path.</summary>
    public static string ModelPath(string model) => model switch
    {
        "seed" => Path.Combine(Throughput.RepositoryRoot(), "examples", "seed_fixed.model"),
        "fashion" => Path.Combine(Throughput.RepositoryRoot(), "examples", "fashion_mnist.model"),
        _ => model,
    };
}
