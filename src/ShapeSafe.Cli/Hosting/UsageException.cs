namespace ShapeSafe.Cli.Hosting;

/// <summary>A wrong flag value, a missing file or another usage error: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
