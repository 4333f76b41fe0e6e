namespace ShapeSafe.Diagnostics;

/// <summary>
/// Every diagnostic the product emits, with its stable code and message template, in one place
/// (after mypy's error-code registry). Each code has a page at docs/diagnostics/CODE.md.
/// SS00xx: model-file syntax and arguments. SS01xx: shapes. SS02xx: data and training. SS03xx: traced modules. SS04xx: tensor operations in Python forward code.
/// </summary>
public static class DiagnosticCatalog
{
    // ---- Model files: syntax, names, arguments ----
    public static readonly DiagnosticDescriptor Syntax = new("SS0001", "syntax error", Severity.Error, "{0}");

    public static readonly DiagnosticDescriptor UnknownLayer = new("SS0002", "unknown layer type", Severity.Error,
        "unknown layer type '{0}'{1}");

    public static readonly DiagnosticDescriptor UnknownArgument = new("SS0003", "unknown argument", Severity.Error,
        "{0}() got an unexpected keyword argument '{1}'{2}");

    public static readonly DiagnosticDescriptor ArgumentType = new("SS0004", "wrong argument type", Severity.Error,
        "{0}() argument '{1}' must be {2}, not {3}");

    public static readonly DiagnosticDescriptor MissingArgument = new("SS0005", "missing required argument", Severity.Error,
        "{0}() missing required argument '{1}'{2}");

    public static readonly DiagnosticDescriptor TooManyPositional = new("SS0006", "too many positional arguments", Severity.Error,
        "{0}() takes {1} positional arguments but {2} were given");

    public static readonly DiagnosticDescriptor InvalidValue = new("SS0007", "invalid argument value", Severity.Error,
        "{0}() argument '{1}' {2}");

    public static readonly DiagnosticDescriptor DuplicateArgument = new("SS0008", "argument given twice", Severity.Error,
        "{0}() got multiple values for argument '{1}'");

    public static readonly DiagnosticDescriptor MissingInput = new("SS0009", "no input shape", Severity.Error,
        "no input shape: add a line such as 'input Nx3x64x64' to the file, or pass --input");

    public static readonly DiagnosticDescriptor InvalidInput = new("SS0010", "invalid input shape", Severity.Error, "{0}");

    public static readonly DiagnosticDescriptor PositionalLinear = new("SS0011", "Linear with one positional size", Severity.Error,
        "{0}({1}) sets in_features={1} and leaves out_features missing, as in PyTorch");

    public static readonly DiagnosticDescriptor DuplicateName = new("SS0012", "layer name used twice", Severity.Warning,
        "the name '{0}' was already given to the layer on line {1}");

    public static readonly DiagnosticDescriptor EmptyModel = new("SS0013", "no layers", Severity.Error,
        "the file declares no layers");

    // ---- Shapes ----
    public static readonly DiagnosticDescriptor LinearInFeatures = new("SS0100", "Linear in_features mismatch", Severity.Error,
        "{0} expects {1} input features but receives {2}");

    public static readonly DiagnosticDescriptor ChannelMismatch = new("SS0101", "channel mismatch", Severity.Error,
        "{0} expects {1} input channels but receives {2}");

    public static readonly DiagnosticDescriptor KernelTooLarge = new("SS0102", "kernel larger than padded input", Severity.Error,
        "{0}: kernel size {1} is larger than the padded input size {2}");

    public static readonly DiagnosticDescriptor PoolOutputTooSmall = new("SS0103", "pooling output too small", Severity.Error,
        "{0}: input {1} is too small; the computed output size {2} is too small");

    public static readonly DiagnosticDescriptor PoolPaddingTooLarge = new("SS0104", "pooling padding over half the kernel", Severity.Error,
        "{0}: pad should be at most half of effective kernel size, but got pad={1}, kernel_size={2}");

    public static readonly DiagnosticDescriptor GroupsDoNotDivide = new("SS0105", "groups do not divide channels", Severity.Error,
        "{0}: {1} must be divisible by groups={2}");

    public static readonly DiagnosticDescriptor BatchNormFeatures = new("SS0106", "BatchNorm num_features mismatch", Severity.Error,
        "{0} expects {1} features (channels) but receives {2}");

    public static readonly DiagnosticDescriptor WrongRank = new("SS0107", "wrong input rank", Severity.Error,
        "{0} expects {1} input, but got input of size {2}");

    public static readonly DiagnosticDescriptor DimOutOfRange = new("SS0108", "dimension out of range", Severity.Error,
        "{0}: dimension out of range (expected to be in range of [{1}, {2}], but got {3})");

    public static readonly DiagnosticDescriptor UnflattenSize = new("SS0109", "Unflatten sizes do not match", Severity.Error,
        "{0}: unflattened size {1} does not multiply to the size {2} of dimension {3}");

    public static readonly DiagnosticDescriptor InvalidLayerConfig = new("SS0110", "invalid layer configuration", Severity.Error,
        "{0}: {1}");

    public static readonly DiagnosticDescriptor OutputSizeInvalid = new("SS0111", "invalid output size", Severity.Error,
        "{0}: {1}");

    public static readonly DiagnosticDescriptor SymbolicShape = new("SS0112", "size cannot be inferred from a symbolic shape", Severity.Error,
        "{0}: cannot infer {1} because the input dimension {2} is symbolic; give the input size");

    public static readonly DiagnosticDescriptor ClassCountMismatch = new("SS0113", "output size differs from the number of classes", Severity.Error,
        "the model ends with {0} outputs but the data has {1} classes");

    public static readonly DiagnosticDescriptor SingleValueNormalization = new("SS0114", "normalization over a single value", Severity.Warning,
        "{0} has only one value per {1} to normalize over (input {2}), which PyTorch refuses {3}");

    public static readonly DiagnosticDescriptor NormalizedShapeMismatch = new("SS0115", "LayerNorm normalized_shape mismatch", Severity.Error,
        "{0} expects the input to end in {1}, but got input of size {2}");

    public static readonly DiagnosticDescriptor ImplicitDim = new("SS0116", "implicit softmax dimension", Severity.Warning,
        "{0} has no dim, so PyTorch picks dim={1} for this {2}D input; this implicit choice is deprecated");

    public static readonly DiagnosticDescriptor DeprecatedInputRank = new("SS0117", "deprecated input rank", Severity.Warning,
        "{0} expects {1} input, but got input of size {2}: {3}");

    public static readonly DiagnosticDescriptor EmptyInput = new("SS0118", "zero-size input dimension", Severity.Error,
        "{0} cannot take input of size {1}: dimension {2} is empty");

    public static readonly DiagnosticDescriptor PoolInputSmallerThanKernel = new("SS0119", "pooling input smaller than kernel", Severity.Error,
        "{0}: input {1} is smaller than kernel_size {2}");

    /// <summary>{0} the layer, {1} what the tensor is (<see cref="TooLargeOutput"/> or <see cref="TooLargeWeights"/>), {2} its element count.</summary>
    public static readonly DiagnosticDescriptor TensorTooLarge = new("SS0120", "tensor too large to exist", Severity.Error,
        "{0}: {1} would have {2} elements; at 4 bytes each that is beyond PyTorch's 64-bit storage size");

    /// <summary>SS0120's {1} for an output: {0} its shape.</summary>
    public const string TooLargeOutput = "the output {0}";

    /// <summary>SS0120's {1} for the weights of the model up to and including the layer.</summary>
    public const string TooLargeWeights = "the model's weights up to this layer";

    /// <summary>SS0120's {1} for the layer's own weights.</summary>
    public const string TooLargeLayerWeights = "its weights";

    // ---- Traced modules (a forward pass of a real TorchSharp module, recorded by hooks) ----
    public static readonly DiagnosticDescriptor TracedModuleFailed = new("SS0300", "traced module failed", Severity.Error,
        "`{0}` fails on input {1}: {2}");

    public static readonly DiagnosticDescriptor TracedCodeFailed = new("SS0301", "forward code between modules failed", Severity.Error,
        "the forward code fails {0}: {1}");

    public static readonly DiagnosticDescriptor TracedBatchChanged = new("SS0302", "batch folded into features", Severity.Warning,
        "`{0}` receives {1}, but the batch is {2}: the forward code after {3} reshaped {4} into {1}, moving features into the batch dimension (as x.view(-1, n) does); flatten per sample with x.flatten(1) or x.view(x.size(0), -1){5}");

    public static readonly DiagnosticDescriptor TracedNotRun = new("SS0303", "module never ran during the trace", Severity.Info,
        "{0} never ran through call() during the trace");

    public static readonly DiagnosticDescriptor TracedUnsupported = new("SS0304", "module cannot be traced", Severity.Error,
        "cannot trace {0}: {1}");

    /// <summary>{0} where (after `fc1` produced 1x8192 / inside `deconv` on input ...), {1} libtorch's message.</summary>
    public static readonly DiagnosticDescriptor TracedProcessAborted = new("SS0305", "forward pass aborted the process", Severity.Error,
        "libtorch aborted the traced process {0}: {1}");

    /// <summary>{0} the limit in seconds, {1} the last recorded step.</summary>
    public static readonly DiagnosticDescriptor TracedTimedOut = new("SS0306", "forward pass did not finish", Severity.Error,
        "the forward pass did not finish within {0} s ({1}); the traced process was stopped");

    /// <summary>{0} the statement kind (if, while, for, conditional expression), {1} the condition or iterable as written, {2} why it is not known.</summary>
    public static readonly DiagnosticDescriptor RuntimeControlFlow = new("SS0310", "control flow on tensor values cannot run", Severity.Error,
        "the runtime cannot build this model: the {0} on {1} depends on values known only when it runs ({2}), and the graph follows neither way");

    // ---- Python source (a model's .py file read by the binder, never run) ----
    public static readonly DiagnosticDescriptor NotFollowed = new("SS0430", "code not followed", Severity.Info,
        "{0} is not followed: {1}; nothing that depends on its result is checked");

    public static readonly DiagnosticDescriptor UnknownCondition = new("SS0431", "branch not followed", Severity.Info,
        "the condition {0} is not known when checking ({1}); neither branch is followed and the names they assign are unknown");

    public static readonly DiagnosticDescriptor WorkLimit = new("SS0432", "work limit reached", Severity.Info,
        "stopped following the code here: {0}");

    public static readonly DiagnosticDescriptor BatchFolded = new("SS0433", "batch dimension changed by a reshape", Severity.Warning,
        "{0} turns the batch of {1} samples into {2}: the -1 folds features into the batch dimension (input {3}, output {4})");

    public static readonly DiagnosticDescriptor MissingFlatten = new("SS0434", "Linear on an unflattened feature map", Severity.Warning,
        "{0} receives the {1}D output {2} of {3}; Linear acts on the last dimension only, so a flatten is probably missing");

    public static readonly DiagnosticDescriptor SoftmaxOverBatch = new("SS0435", "softmax over the batch dimension", Severity.Warning,
        "{0} normalizes over dim={1}, the batch dimension of {2}: each sample's result then depends on the other samples");

    public static readonly DiagnosticDescriptor NoModelClass = new("SS0436", "no model class", Severity.Error,
        "the file defines no nn.Module subclass to check");

    public static readonly DiagnosticDescriptor AmbiguousModelClass = new("SS0437", "model class ambiguous", Severity.Error,
        "cannot tell which model to check: the file defines {0}; choose one with --class");

    public static readonly DiagnosticDescriptor ModelClassNotFound = new("SS0438", "model class not found", Severity.Error,
        "the file defines no nn.Module subclass named '{0}'; it defines {1}");

    public static readonly DiagnosticDescriptor MissingModelInput = new("SS0439", "no input shape for the model", Severity.Error,
        "no input shape for {0}: pass --input, write '# shapesafe: input 1x3x64x64' above the class, or call the model on a tensor in the file");

    public static readonly DiagnosticDescriptor InvalidInputComment = new("SS0440", "invalid input comment", Severity.Error,
        "invalid '# shapesafe: input' comment: {0}");

    public static readonly DiagnosticDescriptor TensorOpFailed = new("SS0441", "tensor operation fails", Severity.Error,
        "{0} fails: {1}");

    public static readonly DiagnosticDescriptor MissingAttribute = new("SS0442", "module attribute never assigned", Severity.Error,
        "'{0}' object has no attribute '{1}'");

    public static readonly DiagnosticDescriptor AssertFails = new("SS0443", "assert fails", Severity.Info,
        "this assert is false for the input checked ({0}); PyTorch's run would stop here with an AssertionError");

    public static readonly DiagnosticDescriptor PythonSyntax = new("SS0444", "Python syntax error", Severity.Error,
        "{0}");

    public static readonly DiagnosticDescriptor ForwardArguments = new("SS0445", "wrong number of model inputs", Severity.Error,
        "{0}.forward() takes {1} but {2} given");

    /// <summary>
    /// A shape rule's diagnostic restated for a traced module: {0} the module as constructed (<c>fc1 = Linear(2048, 128)</c>),
    /// {1} the rule's message after the module's name, {2} the fix (<see cref="TracedConstructWith"/> or <see cref="TracedConstructAs"/>) or empty.
    /// The diagnostic keeps the rule's code.
    /// </summary>
    public const string TracedRuleMessage = "`{0}` {1}{2}";

    /// <summary>{0} the size the module receives, {1} its product form (", i.e. 32*16*16") or empty, {2} the corrected construction.</summary>
    public const string TracedConstructWith = ": construct it with {0}{1}: `{2}`";

    /// <summary>SS0302's tail when the module would then fail too: {0} the rule's message after the name, {1} the fix phrase.</summary>
    public const string TracedBatchThen = "; then it {0}{1}";

    /// <summary>{0} the corrected construction.</summary>
    public const string TracedConstructAs = ": construct it as `{0}`";

    /// <summary>SS0113 when the model's output is not N x classes at all: {0} the output shape, {1} the number of classes.</summary>
    public const string ClassCountShapeMessage = "the model ends with output {0} but a classifier of {1} classes must end with N x {1} class scores";

    // ---- Weights moved between ShapeSafe and PyTorch (import, run) ----

    /// <summary>{0} the key, {1} the weights file, {2} the layer, {3} its line, {4} the shape the model needs.</summary>
    public static readonly DiagnosticDescriptor WeightsMissingKey = new("SS0230", "weights file lacks a tensor", Severity.Error,
        "missing key {0} in {1}: {2} (line {3}) needs a tensor of shape {4} that the file does not provide");

    /// <summary>{0} the key, {1} the weights file, {2} its shape, {3} why it fits nothing (<see cref="NoSuchLayer"/> or <see cref="NoSuchTensor"/>).</summary>
    public static readonly DiagnosticDescriptor WeightsUnexpectedKey = new("SS0231", "unexpected tensor in weights file", Severity.Error,
        "unexpected key {0} in {1} (shape {2}): {3}");

    /// <summary>{0} a layer name.</summary>
    public const string NoSuchLayer = "the model has no layer named '{0}'";

    /// <summary>{0} the layer, {1} its line, {2} the tensor name.</summary>
    public const string NoSuchTensor = "{0} (line {1}) has no parameter or buffer named '{2}'";

    /// <summary>
    /// PyTorch's load_state_dict message, then what to change: {0} the key, {1} the file's shape, {2} the model's shape,
    /// {3} the layer, {4} its line, {5} the fix (<see cref="BuildWith"/> or <see cref="BuildFor"/>).
    /// </summary>
    public static readonly DiagnosticDescriptor WeightsSizeMismatch = new("SS0232", "weights size mismatch", Severity.Error,
        "size mismatch for {0}: copying a param with shape {1} from checkpoint, the shape in current model is {2}: {3} (line {4}) {5}");

    /// <summary>{0} the constructor arguments that give the file's shape (in_features=8192).</summary>
    public const string BuildWith = "should be built with {0}";

    /// <summary>{0} the tensor's name, {1} the file's shape.</summary>
    public const string BuildFor = "must be built so that its {0} has shape {1}";

    /// <summary>{0} the layer, {1} its line, {2} the size's name, {3} its trained value, {4} the checkpoint's input, {5} the given input, {6} the size that input needs.</summary>
    public static readonly DiagnosticDescriptor InputDoesNotFitCheckpoint = new("SS0233", "input does not fit the checkpoint", Severity.Error,
        "{0} (line {1}) was built with {2}={3} for the checkpoint's input {4}; the input {5} would need {2}={6}");

    // ---- ONNX export ----

    /// <summary>{0} the layer or call, {1} its line, {2} why it has no ONNX equivalent.</summary>
    public static readonly DiagnosticDescriptor OnnxUnmappable = new("SS0250", "no ONNX equivalent", Severity.Error,
        "{0} (line {1}): {2}; no ONNX file was written");

    // ---- Tensor operations in Python forward code (torch.cat, x.view, a @ b, x[:, 0], ...) ----
    public static readonly DiagnosticDescriptor OpBroadcast = new("SS0400", "broadcast mismatch", Severity.Error,
        "{0}: the size of tensor a ({1}) must match the size of tensor b ({2}) at non-singleton dimension {3}");

    public static readonly DiagnosticDescriptor OpMatmulMismatch = new("SS0401", "matrix product size mismatch", Severity.Error,
        "{0}: {1} and {2} cannot be multiplied: {3}");

    public static readonly DiagnosticDescriptor OpOperandRank = new("SS0402", "wrong tensor rank for the operation", Severity.Error,
        "{0}: {1} must be {2}, but got a tensor of shape {3}");

    public static readonly DiagnosticDescriptor OpViewSize = new("SS0403", "view shape does not match the element count", Severity.Error,
        "{0}: shape {1} is invalid for input of size {2}");

    public static readonly DiagnosticDescriptor OpInvalidShape = new("SS0404", "invalid size argument", Severity.Error,
        "{0}: {1} is not a valid shape: {2}");

    public static readonly DiagnosticDescriptor OpCatSize = new("SS0405", "tensor sizes differ in cat or stack", Severity.Error,
        "{0}: tensor {1} has shape {2} but tensor {3} has shape {4}; {5}");

    public static readonly DiagnosticDescriptor OpCatRank = new("SS0406", "tensor ranks differ in cat", Severity.Error,
        "{0}: tensors must have the same number of dimensions, but tensor {1} has {2} and tensor {3} has {4}");

    public static readonly DiagnosticDescriptor OpDimOutOfRange = new("SS0407", "dimension out of range in a tensor operation", Severity.Error,
        "{0}: dimension out of range (expected to be in range of [{1}, {2}], but got {3})");

    public static readonly DiagnosticDescriptor OpInvalidDims = new("SS0408", "invalid list of dimensions", Severity.Error,
        "{0}: dims {1} are invalid for an input of shape {2}: {3}");

    public static readonly DiagnosticDescriptor OpIndexOutOfBounds = new("SS0409", "index out of bounds", Severity.Error,
        "{0}: index {1} is out of bounds for dimension {2} with size {3}");

    public static readonly DiagnosticDescriptor OpTooManyIndices = new("SS0410", "too many indices", Severity.Error,
        "{0}: too many indices for tensor of dimension {1} ({2} given)");

    public static readonly DiagnosticDescriptor OpSplitSizes = new("SS0411", "split sizes do not match", Severity.Error,
        "{0}: split sizes {1} must sum to {2}, the size of dimension {3}");

    public static readonly DiagnosticDescriptor OpExpand = new("SS0412", "expanded size mismatch", Severity.Error,
        "{0}: the expanded size {1} must match the existing size {2} at non-singleton dimension {3} (target sizes {4}, tensor sizes {5})");

    public static readonly DiagnosticDescriptor OpTooFewSizes = new("SS0413", "fewer sizes than dimensions", Severity.Error,
        "{0}: {1} sizes given for a tensor of shape {2}; give at least one per dimension");

    public static readonly DiagnosticDescriptor OpPad = new("SS0414", "invalid padding", Severity.Error,
        "{0}: padding {1} is invalid for input {2}: {3}");

    public static readonly DiagnosticDescriptor OpInvalidArgument = new("SS0415", "invalid argument value in a tensor operation", Severity.Error,
        "{0}() argument '{1}' {2}");

    public static readonly DiagnosticDescriptor OpRaggedList = new("SS0416", "ragged nested list", Severity.Error,
        "{0}: expected sequence of length {1} at dim {2} (got {3})");

    public static readonly DiagnosticDescriptor OpEmptyReduction = new("SS0417", "reduction over no elements", Severity.Error,
        "{0}: the input {1} has no elements to reduce {2}");

    public static readonly DiagnosticDescriptor OpIndexShape = new("SS0418", "index tensor shape mismatch", Severity.Error,
        "{0}: an index of shape {1} does not fit the input {2}: {3}");

    public static readonly DiagnosticDescriptor OpKOutOfRange = new("SS0419", "k out of range", Severity.Error,
        "{0}: k={1} is out of range for dimension {2} of size {3}");

    /// <summary>Every descriptor, in code order; used by the docs test that checks each code has a page.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticCatalog)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();
}
