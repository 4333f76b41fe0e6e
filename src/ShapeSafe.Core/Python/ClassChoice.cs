namespace ShapeSafe.Python;

/// <summary>How the checked class was chosen.</summary>
public enum ClassChoice
{
    /// <summary>No class could be chosen (see the usage diagnostic).</summary>
    None,

    /// <summary>Named by <see cref="PythonCheckOptions.ClassName"/>.</summary>
    Option,

    /// <summary>The one class the file instantiates at module level.</summary>
    Instantiated,

    /// <summary>The only nn.Module subclass that no other class of the file uses.</summary>
    OnlyUnused,
}
