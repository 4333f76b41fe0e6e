using System.Runtime.InteropServices;

namespace ShapeSafe.Bench;

/// <summary>
/// libc's environment, which native libraries read with getenv: .NET's Environment.SetEnvironmentVariable keeps its own
/// copy on Linux and never reaches it.
/// </summary>
internal static class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed");
        }
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
