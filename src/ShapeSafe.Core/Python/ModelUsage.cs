using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python;

/// <summary>Where the file constructs a model class (<c>model = Net(num_classes=5)</c>) and calls it (<c>model(x)</c>), with the assignments before the call.</summary>
internal sealed class ModelUsage(PyClass type)
{
    public PyClass Class { get; } = type;

    public CallExpr? Construction { get; set; }

    public CallExpr? Call { get; set; }

    /// <summary>The simple assignments (<c>x = torch.randn(1, 3, 64, 64)</c>) before the call, in order, for evaluating its arguments.</summary>
    public List<(string Name, Expr Value)> Assignments { get; set; } = [];

    public ShapeSafe.Python.Binding.Scope Scope { get; set; } = null!;
}
