namespace ShapeSafe.Syntax;

/// <summary>Parses model files. (Being written: see the parser work item.)</summary>
public static partial class ModelFileParser
{
}
