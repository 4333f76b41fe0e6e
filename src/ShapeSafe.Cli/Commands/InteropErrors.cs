using ShapeSafe.Interop;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>The file problems run, export and import report as one line naming the file (exit 1): unreadable, corrupt or unsupported models, checkpoints, .npy and weights files.</summary>
internal static class InteropErrors
{
    public static bool IsFileProblem(Exception e) =>
        e is ModelSourceException or CheckpointException or NpyFormatException or WeightsFormatException or NativeLoadException;
}
