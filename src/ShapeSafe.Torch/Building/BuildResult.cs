using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using TorchSharp.Modules;

namespace ShapeSafe.Torch.Building;

/// <summary>
/// What <see cref="ModuleBuilder"/> made: the TorchSharp module of a clean model, or why there is none:
/// the check's diagnostics (the model has errors) or a build failure in plain words (a layer TorchSharp cannot make).
/// </summary>
public sealed record BuildResult(CheckResult Check, Sequential? Module, string? Failure)
{
    public bool Succeeded => Module is not null;

    /// <summary>The check's diagnostics (errors and warnings), for rendering when the build did not succeed.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => Check.Diagnostics;
}
