namespace ShapeSafe.Python.Binding.Values;

/// <summary><c>True</c> or <c>False</c> (one instance each).</summary>
public sealed class PyBool : PyValue
{
    public static readonly PyBool True = new(true);
    public static readonly PyBool False = new(false);

    /// <summary><c>self.training</c>: True for the checker, recorded in the graph as the module's mode (TrainingFlagArg).</summary>
    public static readonly PyBool Training = new(true) { IsTrainingFlag = true };

    /// <summary><c>self.training</c> while the checker binds the eval-mode graph: False, recorded as the module's mode.</summary>
    public static readonly PyBool Evaluation = new(false) { IsTrainingFlag = true };

    private PyBool(bool value) => Value = value;

    public bool Value { get; }

    /// <summary>True for <see cref="Training"/> and <see cref="Evaluation"/>: the value is the module's training mode, not a constant.</summary>
    public bool IsTrainingFlag { get; private init; }

    public override string TypeName => "bool";

    public override bool? Truth => Value;

    public static PyBool Of(bool value) => value ? True : False;

    public override string ToString() => Value ? "True" : "False";
}
