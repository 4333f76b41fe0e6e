using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python;

/// <summary>Finds whether a name is read in a statement (a class used by another class).</summary>
internal sealed class NameFinder(string name)
{
    public bool Visit(Stmt statement) => AstSearch.Any(statement, n => n is NameExpr e && e.Id == name);
}
