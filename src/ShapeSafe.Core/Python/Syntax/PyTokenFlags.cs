namespace ShapeSafe.Python.Syntax;

/// <summary>Details of a number or string token: the number's form, the string's prefix and quoting.</summary>
[Flags]
public enum PyTokenFlags : byte
{
    None = 0,
    Int = 1,
    Float = 2,
    Imaginary = 4,
    Bytes = 8,
    Raw = 16,
    FString = 32,
    Triple = 64,
}
