namespace ShapeSafe.Tests.Fuzzing;

/// <summary>The kinds of mutation the fuzzing suite applies; each case names the one it used, so a failure says which.</summary>
public enum Mutation
{
    /// <summary>The seed file unchanged.</summary>
    None,

    /// <summary>1 to 8 random bytes replaced by random values.</summary>
    ByteFlip,

    /// <summary>The file cut at a random length (possibly 0).</summary>
    Truncate,

    /// <summary>A random line repeated 1 to 50 times in place.</summary>
    DuplicateLines,

    /// <summary>A number in the text replaced by 2**62, 10**30, -1, 0, int.MaxValue or a 40-digit literal.</summary>
    HugeNumber,

    /// <summary>A call argument wrapped in 50 to 400 levels of brackets.</summary>
    DeepNesting,

    /// <summary>Random unicode (non-BMP, combining, RTL, control, ANSI escapes) inserted at a random place.</summary>
    Unicode,

    /// <summary>A UTF-8 byte-order mark before the text.</summary>
    Bom,

    /// <summary>Every line ending written as CRLF.</summary>
    Crlf,

    /// <summary>NUL bytes inserted at random places.</summary>
    Nul,
}
