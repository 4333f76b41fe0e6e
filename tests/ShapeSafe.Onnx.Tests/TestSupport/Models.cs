using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;

namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>Every example model file and every .py corpus model that checks clean and that GraphModule builds, by path relative to the repository.</summary>
internal static class Models
{
    private static readonly Lazy<IReadOnlyList<string>> Runnable = new(Find);

    public static IReadOnlyList<string> All => Runnable.Value;

    private static List<string> Find()
    {
        var files = Directory.GetFiles(Repo.Examples, "*.model").Concat(Directory.GetFiles(Repo.PythonCorpus, "*_ok.py")).Order(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var file in files)
        {
            var check = CheckService.Check(file, File.ReadAllText(file));
            if (check.HasErrors || check.Inputs.Count != 1)
            {
                continue;
            }

            var built = GraphModule.Build(check);
            if (built.Succeeded)
            {
                built.Module!.Dispose();
                result.Add(Path.GetRelativePath(Repo.Root, file));
            }
        }

        return result;
    }
}
