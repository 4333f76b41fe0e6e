namespace ShapeSafe.Python.Syntax;

/// <summary>A syntax error found while tokenizing or parsing, with a CPython-like message ("invalid syntax", "expected ':'").</summary>
public sealed record SyntaxDiagnostic(TextRange Range, string Message);
