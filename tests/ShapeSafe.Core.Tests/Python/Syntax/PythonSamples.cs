namespace ShapeSafe.Tests.Python.Syntax;

/// <summary>The realistic model sources under Samples/ (plus tests/corpus/python/*.py when that folder exists).</summary>
public static class PythonSamples
{
    public static string SamplesFolder => Path.Combine(RepoPaths.Root, "tests", "ShapeSafe.Core.Tests", "Python", "Syntax", "Samples");

    public static IEnumerable<string> Files()
    {
        foreach (var file in Directory.GetFiles(SamplesFolder, "*.py").Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        var corpus = Path.Combine(RepoPaths.Root, "tests", "corpus", "python");
        if (Directory.Exists(corpus))
        {
            foreach (var file in Directory.GetFiles(corpus, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    public static TheoryData<string> SampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SamplesFolder, "*.py").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static string Read(string name) => File.ReadAllText(Path.Combine(SamplesFolder, name));
}
