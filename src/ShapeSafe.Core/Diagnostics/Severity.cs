namespace ShapeSafe.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}
