using System.Collections;
using System.Reflection;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Tests.Python.Syntax;

/// <summary>Every node under a root (the root included), found by reflection over the record properties, for property tests.</summary>
public static class AstWalker
{
    private static readonly Dictionary<Type, PropertyInfo[]> Properties = new();

    public static IEnumerable<Node> DescendantsAndSelf(Node root)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var property in PropertiesOf(node.GetType()))
            {
                var value = property.GetValue(node);
                if (value is Node child)
                {
                    stack.Push(child);
                }
                else if (value is IEnumerable items and not string)
                {
                    foreach (var item in items)
                    {
                        if (item is Node n)
                        {
                            stack.Push(n);
                        }
                    }
                }
            }
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type)
    {
        lock (Properties)
        {
            if (!Properties.TryGetValue(type, out var props))
            {
                props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"
                                && (typeof(Node).IsAssignableFrom(p.PropertyType) || (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string))))
                    .ToArray();
                Properties[type] = props;
            }

            return props;
        }
    }
}
