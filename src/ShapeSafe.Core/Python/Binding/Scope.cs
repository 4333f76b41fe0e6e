using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// One namespace of names: a function's locals, a class body, or the module's globals. Lookups go local, then the
/// enclosing function scopes (closures; class bodies are skipped, as in Python), then globals.
/// </summary>
public sealed class Scope
{
    private readonly Dictionary<string, PyValue> _vars = new(StringComparer.Ordinal);
    private HashSet<string>? _globalNames;

    public Scope(Scope? enclosing, Scope? globals, bool isClassBody = false)
    {
        Enclosing = enclosing;
        Globals = globals ?? this;
        IsClassBody = isClassBody;
    }

    public Scope? Enclosing { get; }

    public Scope Globals { get; }

    public bool IsClassBody { get; }

    public IReadOnlyDictionary<string, PyValue> Variables => _vars;

    public bool TryLookup(string name, out PyValue value)
    {
        if (_vars.TryGetValue(name, out value!))
        {
            return true;
        }

        for (var s = Enclosing; s is not null; s = s.Enclosing)
        {
            if (!s.IsClassBody && s._vars.TryGetValue(name, out value!))
            {
                return true;
            }
        }

        return Globals._vars.TryGetValue(name, out value!);
    }

    public void Set(string name, PyValue value)
    {
        if (_globalNames is not null && _globalNames.Contains(name))
        {
            Globals._vars[name] = value;
            return;
        }

        _vars[name] = value;
    }

    public bool Remove(string name) => _vars.Remove(name);

    /// <summary>A <c>global</c> statement: assignments to these names go to the module's scope.</summary>
    public void DeclareGlobal(string name) => (_globalNames ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
}
