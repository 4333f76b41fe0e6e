namespace ShapeSafe.Onnx.Tests.TestSupport;

/// <summary>The repository root (found from the test's output folder) and its example and corpus models.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string PythonCorpus => Path.Combine(Root, "tests", "corpus", "python");

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
