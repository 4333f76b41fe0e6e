using ShapeSafe.Onnx.Export;
using ShapeSafe.Onnx.Tests.TestSupport;

namespace ShapeSafe.Onnx.Tests.Export;

/// <summary>A model with an op the exporter cannot map gets SS0250 naming the op and its line, and no file is written.</summary>
public sealed class RefusalTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (file, names) in Refusals.ByFile)
            {
                data.Add(file, names);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnmappableOpGivesTheDiagnosticAndNoFile(string file, string names)
    {
        var (reference, why) = Models.Take(file);
        Assert.True(reference is not null, why);
        using var model = reference;
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");

        var result = OnnxExporter.ExportToFile(model.Check.Graph!, model.Weights(), null, path);

        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0250", diagnostic.Descriptor.Code);
        Assert.Contains(names, diagnostic.Message, StringComparison.Ordinal);
        Assert.Matches(@"\(line [1-9][0-9]*\)", diagnostic.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
