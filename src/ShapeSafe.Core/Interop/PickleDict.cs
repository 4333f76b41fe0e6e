namespace ShapeSafe.Interop;

/// <summary>A pickled dict or OrderedDict, in insertion order.</summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object, object?>> _items = [];
    private readonly Dictionary<object, int> _index = [];

    public IReadOnlyList<KeyValuePair<object, object?>> Items => _items;

    public void Set(object key, object? value)
    {
        if (_index.TryGetValue(key, out var at))
        {
            _items[at] = new(key, value);
        }
        else
        {
            _index[key] = _items.Count;
            _items.Add(new(key, value));
        }
    }
}
