namespace ShapeSafe.Tests;

/// <summary>What one in-process CLI run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);
