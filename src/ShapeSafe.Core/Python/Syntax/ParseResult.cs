namespace ShapeSafe.Python.Syntax;

/// <summary>What <see cref="PythonParser.Parse(string)"/> returns: the module (always, even for broken input), the source with its lines, the syntax errors and every comment.</summary>
public sealed record ParseResult(ModuleNode Module, SourceText Source, IReadOnlyList<SyntaxDiagnostic> Errors, IReadOnlyList<PyComment> Comments);
