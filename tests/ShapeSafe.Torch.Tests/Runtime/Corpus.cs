using System.Text.Json;
using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;

namespace ShapeSafe.Tests.Runtime;

/// <summary>The PyTorch corpus (tests/corpus) and its PyTorch-computed state_dict reference, found from the test's output folder.</summary>
internal static class Corpus
{
    public static string Root { get; } = FindRoot();

    public static string Folder => Path.Combine(Root, "tests", "corpus");

    /// <summary>tests/corpus/state_dicts.json: for each *_ok.py file, PyTorch's state_dict keys and shapes in order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Key, long[] Shape)>> StateDicts { get; } = LoadStateDicts();

    /// <summary>Checks a corpus file (as <c>python/NAME_ok.py</c>) and builds its GraphModule.</summary>
    public static GraphBuildResult Build(string file)
    {
        var path = Path.Combine(Folder, file);
        var check = CheckService.Check(path, File.ReadAllText(path));
        return GraphModule.Build(check);
    }

    /// <summary>Checks a corpus file and builds its module tree only (weights, no forward plan).</summary>
    public static GraphBuildResult BuildModules(string file)
    {
        var path = Path.Combine(Folder, file);
        return GraphModule.ModulesOnly(CheckService.Check(path, File.ReadAllText(path)));
    }

    private static Dictionary<string, IReadOnlyList<(string Key, long[] Shape)>> LoadStateDicts()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "state_dicts.json")));
        var result = new Dictionary<string, IReadOnlyList<(string Key, long[] Shape)>>(StringComparer.Ordinal);
        foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
        {
            result[model.GetProperty("file").GetString()!] = [.. model.GetProperty("state_dict").EnumerateArray()
                .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()))];
        }

        return result;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeSafe.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ShapeSafe.slnx not found above " + AppContext.BaseDirectory);
    }
}
