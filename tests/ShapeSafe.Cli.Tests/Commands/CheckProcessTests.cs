using System.Diagnostics;

namespace ShapeSafe.Tests.Commands;

/// <summary>Runs the real CLI in a child process: check is pure arithmetic and must never load TorchSharp.</summary>
public sealed class CheckProcessTests
{
    [Fact]
    public async Task CheckDoesNotLoadTorchSharp()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SHAPESAFE_LIST_ASSEMBLIES"] = "1" },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shapesafe.dll"));
        start.ArgumentList.Add("check");
        start.ArgumentList.Add(CliRunner.Example("seed_example1_view.model"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("error[SS0100]", await output, StringComparison.Ordinal);
        var loaded = error.Split('\n').Single(l => l.StartsWith("loaded: ", StringComparison.Ordinal));
        Assert.Contains(" ShapeSafe.Core", loaded, StringComparison.Ordinal);
        Assert.DoesNotContain("TorchSharp", loaded, StringComparison.Ordinal);
        Assert.DoesNotContain("ShapeSafe.Torch", loaded, StringComparison.Ordinal);
    }
}
