using System.Text;
using ShapeSafe.Inference;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Building;
using static ShapeSafe.Torch.Fluent.FluentArgument;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Fluent;

/// <summary>
/// A fluent C# way to write a model, as in
/// <c>ModelBuilder.Input(3, 64, 64).Conv2d(16, kernelSize: 3, padding: 1).ReLU().MaxPool2d(2).Flatten().Linear(128).ReLU().Linear(10)</c>.
/// Sizes a layer can take from its input (in_channels, in_features, num_features) may be left
/// out: the model is written as model-file text (PyTorch constructor syntax, Lazy* where a size is
/// left out) and goes through the same shape engine as a model file, so its diagnostics are
/// reported before any tensor exists, and <see cref="Build"/> makes the same module as the file would.
/// Each call returns a new builder; a builder never changes.
/// </summary>
public sealed class ModelBuilder
{
    private readonly Shape _input;
    private readonly IReadOnlyList<string> _lines;

    private ModelBuilder(Shape input, IReadOnlyList<string> lines)
    {
        _input = input;
        _lines = lines;
    }

    /// <summary>The path diagnostics of fluent models name.</summary>
    public const string SourceName = "<fluent model>";

    /// <summary>Starts a model whose input is one sample of <paramref name="sizes"/> (e.g. 3, 64, 64); the batch dimension N comes first.</summary>
    public static ModelBuilder Input(params long[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0 || sizes.Any(s => s <= 0))
        {
            throw new ArgumentException("give the positive sizes of one sample, e.g. Input(3, 64, 64)", nameof(sizes));
        }

        return new ModelBuilder(new Shape([Dim.Sym("N"), .. sizes.Select(Dim.Known)]), []);
    }

    /// <summary>Starts a model with a full input shape, batch first (e.g. 128x3x64x64 or Nx3x64x64).</summary>
    public static ModelBuilder Input(Shape shape) => new(shape ?? throw new ArgumentNullException(nameof(shape)), []);

    public ModelBuilder Conv2d(long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, long? inChannels = null, string? name = null) =>
        Add(name, "Conv2d", inChannels, [Req("out_channels", outChannels), Req("kernel_size", kernelSize), Opt("stride", stride, 1L), Opt("padding", padding, 0L), Opt("dilation", dilation, 1L), Opt("groups", groups, 1L), Opt("bias", bias, true)], inName: "in_channels");

    public ModelBuilder Conv1d(long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, long? inChannels = null, string? name = null) =>
        Add(name, "Conv1d", inChannels, [Req("out_channels", outChannels), Req("kernel_size", kernelSize), Opt("stride", stride, 1L), Opt("padding", padding, 0L), Opt("dilation", dilation, 1L), Opt("groups", groups, 1L), Opt("bias", bias, true)], inName: "in_channels");

    public ModelBuilder BatchNorm2d(long? numFeatures = null, double eps = 1e-5, double momentum = 0.1, string? name = null) =>
        Add(name, "BatchNorm2d", numFeatures, [Opt("eps", eps, 1e-5), Opt("momentum", momentum, 0.1)], inName: "num_features");

    public ModelBuilder BatchNorm1d(long? numFeatures = null, double eps = 1e-5, double momentum = 0.1, string? name = null) =>
        Add(name, "BatchNorm1d", numFeatures, [Opt("eps", eps, 1e-5), Opt("momentum", momentum, 0.1)], inName: "num_features");

    public ModelBuilder Linear(long outFeatures, bool bias = true, long? inFeatures = null, string? name = null) =>
        Add(name, "Linear", inFeatures, [Req("out_features", outFeatures), Opt("bias", bias, true)], inName: "in_features");

    public ModelBuilder MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false, string? name = null) =>
        Add(name, "MaxPool2d", null, [Req("kernel_size", kernelSize), Opt("stride", stride, null), Opt("padding", padding, 0L), Opt("dilation", dilation, 1L), Opt("ceil_mode", ceilMode, false)]);

    public ModelBuilder AvgPool2d(long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false, string? name = null) =>
        Add(name, "AvgPool2d", null, [Req("kernel_size", kernelSize), Opt("stride", stride, null), Opt("padding", padding, 0L), Opt("ceil_mode", ceilMode, false)]);

    public ModelBuilder AdaptiveAvgPool2d(long outputSize, string? name = null) => Add(name, "AdaptiveAvgPool2d", null, [Req("output_size", outputSize)]);

    public ModelBuilder Flatten(long startDim = 1, long endDim = -1, string? name = null) =>
        Add(name, "Flatten", null, [Opt("start_dim", startDim, 1L), Opt("end_dim", endDim, -1L)]);

    public ModelBuilder Dropout(double p = 0.5, string? name = null) => Add(name, "Dropout", null, [Opt("p", p, 0.5)]);

    public ModelBuilder Dropout2d(double p = 0.5, string? name = null) => Add(name, "Dropout2d", null, [Opt("p", p, 0.5)]);

    public ModelBuilder ReLU(string? name = null) => Add(name, "ReLU", null, []);

    public ModelBuilder LeakyReLU(double negativeSlope = 0.01, string? name = null) => Add(name, "LeakyReLU", null, [Opt("negative_slope", negativeSlope, 0.01)]);

    public ModelBuilder GELU(string? name = null) => Add(name, "GELU", null, []);

    public ModelBuilder Sigmoid(string? name = null) => Add(name, "Sigmoid", null, []);

    public ModelBuilder Tanh(string? name = null) => Add(name, "Tanh", null, []);

    public ModelBuilder Softmax(long dim, string? name = null) => Add(name, "Softmax", null, [Req("dim", dim)]);

    public ModelBuilder LogSoftmax(long dim, string? name = null) => Add(name, "LogSoftmax", null, [Req("dim", dim)]);

    /// <summary>Any layer the shape engine knows, by PyTorch class name, with keyword arguments (values: long, double, bool, string, null, or tuples as long[]).</summary>
    public ModelBuilder Layer(string type, string? name = null, params (string Keyword, object? Value)[] arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return Append(Line(name, type, arguments.Select(a => $"{a.Keyword}={PythonLiteral.Of(a.Value)}")));
    }

    /// <summary>The model as model-file text: the input line, then one layer per line.</summary>
    public string ToModelText()
    {
        var text = new StringBuilder();
        text.Append("input ").Append(_input).Append('\n');
        foreach (var line in _lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The model's shape check: every layer's output shape, or the diagnostics of what does not fit.</summary>
    public CheckResult Check() => ShapeChecker.Check(ModelFileParser.Parse(SourceName, ToModelText()));

    /// <summary>
    /// Checks the model and, when it is clean, builds the TorchSharp module (on <paramref name="device"/>,
    /// CPU when null). A model with shape errors builds nothing: the result carries the engine's diagnostics.
    /// </summary>
    public BuildResult Build(Device? device = null) => ModuleBuilder.Build(Check(), device);

    public override string ToString() => ToModelText();

    private ModelBuilder Add(string? name, string type, long? inferable, FluentArgument[] arguments, string? inName = null)
    {
        var parts = new List<string>();
        if (inferable is { } size)
        {
            parts.Add($"{inName}={PythonLiteral.Of(size)}");
        }

        parts.AddRange(arguments.Where(a => a.IsWritten).Select(a => $"{a.Keyword}={PythonLiteral.Of(a.Value)}"));

        var lazy = inName is not null && inferable is null;
        return Append(Line(name, lazy ? "Lazy" + type : type, parts));
    }

    private ModelBuilder Append(string line) => new(_input, [.. _lines, line]);

    private static string Line(string? name, string type, IEnumerable<string> arguments)
    {
        var call = $"nn.{type}({string.Join(", ", arguments)})";
        return name is null ? call : $"{name} = {call}";
    }
}
