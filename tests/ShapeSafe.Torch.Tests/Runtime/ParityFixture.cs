using System.Diagnostics;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Runtime;

/// <summary>Runs tests/corpus/parity.py once for every runnable model (one Python start instead of one per model); nothing where PyTorch is missing.</summary>
public sealed class ParityFixture : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Lazy<string?> _failure;

    public ParityFixture() => _failure = new Lazy<string?>(Generate);

    /// <summary>The folder parity.py wrote for <paramref name="file"/> (<c>python/NAME_ok.py</c>); fails the test when the script failed.</summary>
    public string FolderOf(string file)
    {
        Assert.True(_failure.Value is null, _failure.Value);
        return _temp.Combine(Path.GetFileNameWithoutExtension(file));
    }

    public void Dispose() => _temp.Dispose();

    private string? Generate()
    {
        var start = new ProcessStartInfo(PythonTorchTheoryAttribute.Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(Corpus.Folder, "parity.py"));
        start.ArgumentList.Add(_temp.Path);
        foreach (var file in ParityTests.Files)
        {
            start.ArgumentList.Add(ParityTests.TrainModeFiles.Contains(file) ? "train:" + file : file);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(600_000))
        {
            process.Kill();
            return "parity.py did not finish in 10 minutes";
        }

        return process.ExitCode == 0 ? null : "parity.py failed: " + errors.Result;
    }
}
