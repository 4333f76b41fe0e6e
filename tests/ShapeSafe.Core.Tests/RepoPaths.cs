namespace ShapeSafe.Tests;

/// <summary>Paths inside the repository (examples/, tests/fixtures/, docs/), found from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples(string name) => Path.Combine(Root, "examples", name);

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Docs => Path.Combine(Root, "docs");

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
