using ShapeSafe.Diagnostics;

namespace ShapeSafe.Inference;

/// <summary>
/// A check cut short for the input-size search: it runs the layers up to <see cref="LastLayer"/> and stops at the
/// first diagnostic that <see cref="StopsOn"/> selects. The layers it runs report exactly what a full check reports
/// for them: each layer depends only on the ones before it.
/// </summary>
internal sealed class Probe(int lastLayer, Func<Diagnostic, bool> stopsOn)
{
    public int LastLayer { get; } = lastLayer;

    public Func<Diagnostic, bool> StopsOn { get; } = stopsOn;

    /// <summary>The diagnostic the check stopped on, or null when it ran to <see cref="LastLayer"/>.</summary>
    public Diagnostic? StoppedOn { get; private set; }

    /// <summary>The index of the layer that reported <see cref="StoppedOn"/>; -1 for a diagnostic from before the first layer.</summary>
    public int StoppedAtLayer { get; private set; } = -1;

    /// <summary>True (and remembers it) when a diagnostic from <paramref name="from"/> on is one to stop on.</summary>
    public bool StopsAt(List<Diagnostic> diagnostics, int from, int layer)
    {
        for (var i = from; i < diagnostics.Count; i++)
        {
            if (StopsOn(diagnostics[i]))
            {
                StoppedOn = diagnostics[i];
                StoppedAtLayer = layer;
                return true;
            }
        }

        return false;
    }
}
