namespace ShapeSafe.Dataflow;

/// <summary>What a node does, as torch.fx's <c>Node.op</c>.</summary>
public enum NodeKind
{
    /// <summary>A graph input (<c>x</c> of <c>forward(self, x)</c>, or a model file's input line).</summary>
    Placeholder,

    /// <summary>A call of a submodule: <see cref="Node.Target"/> is its qualified name (<c>layer2.0.conv1</c>).</summary>
    CallModule,

    /// <summary>A free function: <see cref="Node.Target"/> is its canonical name (<c>torch.cat</c>, <c>torch.nn.functional.relu</c>).</summary>
    CallFunction,

    /// <summary>A tensor method: <see cref="Node.Target"/> is the method name (<c>view</c>, <c>size</c>).</summary>
    CallMethod,

    /// <summary>
    /// A Python operator on tensors or sizes: <see cref="Node.Target"/> is its name in Python's <c>operator</c> module
    /// (<c>add</c>, <c>matmul</c>, <c>floordiv</c>, <c>getitem</c>, <c>iadd</c> for <c>+=</c> on a tensor); see <see cref="OperatorNames"/>.
    /// </summary>
    Operator,

    /// <summary>A tensor or size read from the module (a stored <c>torch.randn</c>, a registered buffer).</summary>
    GetAttr,

    /// <summary>The value <c>forward</c> returns.</summary>
    Output,
}
