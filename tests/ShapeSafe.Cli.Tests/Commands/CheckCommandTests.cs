using System.Text.Json;

namespace ShapeSafe.Tests.Commands;

public sealed class CheckCommandTests
{
    [Fact]
    public void TheSeedsFirstExampleFailsOnTheLinearLineWithThe8192Edit()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_example1_view.model"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("seed_example1_view.model:12:17: error[SS0100]: fc1 expects 2048 input features but receives 8192", run.Output, StringComparison.Ordinal);
        Assert.Contains("fc1 = nn.Linear(32 * 16 * 16 , 128)", run.Output, StringComparison.Ordinal);
        Assert.Contains("set in_features to 32 * 16 * 16 (= 8192)", run.Output, StringComparison.Ordinal);
        Assert.Contains("conv2 → pool (line 10) produces 32x16x16 = 8192", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ACleanFileExitsZero()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_fixed.model"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("seed_fixed.model: ok (input Nx3x64x64, output Nx10, 1,055,082 parameters)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyFilesInOneCallExitOneWhenAnyHasAnError()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_fixed.model"), CliRunner.Example("seed_example3_debug.model"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2 files checked, 1 with errors", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void InputOverridesTheFilesInputLine()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_example2_flatten.model"), "--input", "1x3x32x32");
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("--input", "3x-1")]
    [InlineData("--format", "xml")]
    [InlineData("--bogus", "1")]
    public void WrongFlagsAreUsageErrors(string flag, string value)
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_fixed.model"), flag, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsAUsageErrorNamingIt()
    {
        var run = CliRunner.Run("check", "/nonexistent/model.txt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nonexistent/model.txt: no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GarbageFilesGiveDiagnosticsNotCrashes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"garbage-{Guid.NewGuid():N}.model");
        File.WriteAllBytes(path, [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe, 0x0a, 0x28, 0x28, 0x29]);
        try
        {
            var run = CliRunner.Run("check", path);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("error[SS0001]", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void JsonHasTheDocumentedShape()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_example1_view.model"), "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.EndsWith("seed_example1_view.model", file.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("[1,3,64,64]", file.GetProperty("input").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        var layers = file.GetProperty("layers");
        Assert.Equal(10, layers.GetArrayLength());
        Assert.Equal("conv1", layers[0].GetProperty("name").GetString());
        Assert.Equal(5, layers[0].GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Array, layers[0].GetProperty("output_shape").ValueKind);
        Assert.Equal(JsonValueKind.Array, layers[6].GetProperty("output_shape").ValueKind);
        Assert.Equal(JsonValueKind.Null, layers[7].GetProperty("output_shape").ValueKind);
        var diagnostic = file.GetProperty("diagnostics")[0];
        Assert.Equal("SS0100", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(12, diagnostic.GetProperty("line").GetInt32());
        var fix = diagnostic.GetProperty("fixes")[0];
        Assert.Equal("machine_applicable", fix.GetProperty("applicability").GetString());
        Assert.Equal("32 * 16 * 16", fix.GetProperty("edits")[0].GetProperty("new_text").GetString());
        Assert.True(file.GetProperty("params").GetInt64() > 0);
    }

    [Fact]
    public void FixAppliesTheSafeEditsAndTheFileThenChecksClean()
    {
        var path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.model");
        File.Copy(CliRunner.Example("seed_example2_flatten.model"), path);
        try
        {
            var first = CliRunner.Run("check", path, "--fix");
            Assert.Equal(1, first.ExitCode);
            Assert.Contains("applied 1 fix(es)", first.Error, StringComparison.Ordinal);
            Assert.Contains("self.fc1 = nn.Linear(32 * 16 * 16, 128)", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Equal(0, CliRunner.Run("check", path).ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SarifCarriesTheResultItsRuleAndTheFixAsAReplacement()
    {
        var run = CliRunner.Run("check", CliRunner.Example("seed_example1_view.model"), "--format", "sarif");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var sarifRun = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("SS0100", sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("id").GetString());
        var result = sarifRun.GetProperty("results")[0];
        Assert.Equal("error", result.GetProperty("level").GetString());
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(12, region.GetProperty("startLine").GetInt32());
        Assert.Equal(17, region.GetProperty("startColumn").GetInt32());
        var replacement = result.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal("32 * 16 * 16", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }
}
