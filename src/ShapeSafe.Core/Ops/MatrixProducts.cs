using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// matmul (<c>a @ b</c>) in all its rank cases, mm, bmm, mv, dot, addmm, baddbmm and F.linear, with the error each
/// raises in PyTorch 1.13. matmul folds an N-D operand against a 1-D or 2-D one into a matrix first (as ATen does for
/// contiguous tensors), so the sizes it names in its message are the folded ones.
/// </summary>
public static class MatrixProducts
{
    /// <summary><c>torch.matmul(a, b)</c> / <c>a @ b</c>.</summary>
    public static OpResult Matmul(Shape a, Shape b, string op = "matmul")
    {
        int ra = a.Rank, rb = b.Rank;
        if (ra == 0 || rb == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank,
                $"both arguments to matmul need to be at least 1D, but they are {ra}D and {rb}D",
                op, ra == 0 ? "the first argument" : "the second argument", "at least 1-D", ra == 0 ? a : b));
        }

        if (ra == 1 && rb == 1)
        {
            return Dot(a, b, op);
        }

        if (ra == 2 && rb == 1)
        {
            return MatrixVector(a, b, a[0], a[1], a.Slice(0, 1), op);
        }

        if (ra == 1 && rb == 2)
        {
            return Contract(a, b, Dim.Known(1), a[0], b[0], b[1], new Shape(b[1]), op);
        }

        if (ra == 2 && rb == 2)
        {
            return Contract(a, b, a[0], a[1], b[0], b[1], new Shape(a[0], b[1]), op);
        }

        if (ra >= 3 && rb <= 2)
        {
            // Fold a's leading dims into the rows of one matrix.
            var rows = a.Product(0, ra - 1);
            var k = a[ra - 1];
            var lead = a.Slice(0, ra - 1);
            return rb == 1
                ? MatrixVector(a, b, rows, k, lead, op)
                : Contract(a, b, rows, k, b[0], b[1], lead.Concat([b[1]]), op);
        }

        if (ra <= 2 && rb >= 3)
        {
            // ATen computes (b^T folded) @ a^T: the message names b's transposed, folded matrix first.
            var batch = b.Slice(0, rb - 2);
            var m = b[rb - 2];
            var p = b[rb - 1];
            var rows = batch.Product() * p;
            if (ra == 1)
            {
                if (OpDims.Differ(m, a[0]))
                {
                    return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                        $"size mismatch, got {rows}, {OpDims.Matrix(rows, m)},{a[0]}", op, a, b, Contracted(a[0], m)));
                }

                return OpResult.Ok(batch.Concat([p]));
            }

            if (OpDims.Differ(m, a[1]))
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                    $"mat1 and mat2 shapes cannot be multiplied ({OpDims.Matrix(rows, m)} and {OpDims.Matrix(a[1], a[0])})",
                    op, a, b, Contracted(a[1], m)));
            }

            return OpResult.Ok(batch.Concat([a[0], p]));
        }

        // Both at least 3-D: broadcast the batch dims, then bmm over their product.
        if (!Broadcasting.TryBroadcast(a.Slice(0, ra - 2), b.Slice(0, rb - 2), op, out var batchShape, out var error))
        {
            return OpResult.Fail(error!);
        }

        var n = a[ra - 2];
        var k1 = a[ra - 1];
        var k2 = b[rb - 2];
        var cols = b[rb - 1];
        if (OpDims.Differ(k1, k2))
        {
            var batchSize = batchShape.Product();
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                $"Expected size for first two dimensions of batch2 tensor to be: [{batchSize}, {k1}] but got: [{batchSize}, {k2}].",
                op, a, b, Contracted(k1, k2)));
        }

        return OpResult.Ok(batchShape.Concat([n, cols]));
    }

    /// <summary><c>torch.mm(a, b)</c>: two matrices.</summary>
    public static OpResult Mm(Shape a, Shape b, string op = "mm")
    {
        if (a.Rank != 2)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "self must be a matrix", op, "self", "a matrix (2-D)", a));
        }

        if (b.Rank != 2)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "mat2 must be a matrix", op, "mat2", "a matrix (2-D)", b));
        }

        return Contract(a, b, a[0], a[1], b[0], b[1], new Shape(a[0], b[1]), op);
    }

    /// <summary><c>torch.bmm(a, b)</c>: two 3-D batches of matrices with the same batch size.</summary>
    public static OpResult Bmm(Shape a, Shape b, string op = "bmm")
    {
        if (a.Rank != 3)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "batch1 must be a 3D tensor", op, "batch1", "3-D", a));
        }

        if (b.Rank != 3)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "batch2 must be a 3D tensor", op, "batch2", "3-D", b));
        }

        var batchDiffers = OpDims.Differ(a[0], b[0]);
        if (batchDiffers || OpDims.Differ(a[2], b[1]))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                $"Expected size for first two dimensions of batch2 tensor to be: [{a[0]}, {a[2]}] but got: [{b[0]}, {b[1]}].",
                op, a, b, batchDiffers ? $"the batch sizes {a[0]} and {b[0]} differ" : Contracted(a[2], b[1])));
        }

        return OpResult.Ok(new Shape(a[0], a[1], b[2]));
    }

    /// <summary><c>torch.mv(m, v)</c>: a matrix times a vector.</summary>
    public static OpResult Mv(Shape matrix, Shape vector, string op = "mv")
    {
        if (matrix.Rank != 2 || vector.Rank != 1)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank,
                $"vector + matrix @ vector expected, got 1, {matrix.Rank}, {vector.Rank}",
                op, matrix.Rank != 2 ? "the matrix" : "the vector", matrix.Rank != 2 ? "2-D" : "1-D", matrix.Rank != 2 ? matrix : vector));
        }

        return MatrixVector(matrix, vector, matrix[0], matrix[1], matrix.Slice(0, 1), op);
    }

    /// <summary><c>torch.dot(a, b)</c>: two vectors of the same length; a 0-d result.</summary>
    public static OpResult Dot(Shape a, Shape b, string op = "dot")
    {
        if (a.Rank != 1 || b.Rank != 1)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, $"1D tensors expected, but got {a.Rank}D and {b.Rank}D tensors",
                op, a.Rank != 1 ? "the first argument" : "the second argument", "1-D", a.Rank != 1 ? a : b));
        }

        if (OpDims.Differ(a[0], b[0]))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                $"inconsistent tensor size, expected tensor [{a[0]}] and src [{b[0]}] to have the same number of elements, but got {a[0]} and {b[0]} elements respectively",
                op, a, b, Contracted(a[0], b[0])));
        }

        return OpResult.Ok(OpDims.Scalar);
    }

    /// <summary>
    /// <c>torch.inner(a, b)</c>: the products summed over the last dim of both, giving <c>a.shape[:-1] + b.shape[:-1]</c>;
    /// a 0-D operand scales the other.
    /// </summary>
    public static OpResult Inner(Shape a, Shape b, string op = "inner")
    {
        if (a.Rank == 0 || b.Rank == 0)
        {
            return OpResult.Ok(a.Rank == 0 ? b : a);
        }

        if (OpDims.Differ(a[a.Rank - 1], b[b.Rank - 1]))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                $"inner() the last dimension must match on both input tensors but got shapes {a.ToTorchString()} and {b.ToTorchString()}",
                op, a, b, Contracted(a[a.Rank - 1], b[b.Rank - 1])));
        }

        return OpResult.Ok(a.Slice(0, a.Rank - 1).Concat(b.Slice(0, b.Rank - 1)));
    }

    /// <summary>
    /// <c>torch.einsum(equation, *operands)</c>: each operand's subscripts (letters, and <c>...</c> for the dims they leave)
    /// name its dims; a letter's sizes must agree or be 1 (broadcast), and so must the dims under <c>...</c>. The output is
    /// the subscripts after <c>-&gt;</c>, else the letters seen once in alphabetical order (upper case first) after the
    /// <c>...</c> dims. Spaces are ignored.
    /// </summary>
    public static OpResult Einsum(string equation, IReadOnlyList<Shape> operands)
    {
        const string op = "einsum";
        OpResult Bad(string message) => OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "einsum(): " + message, op, "equation", message));
        var text = equation.Replace(" ", string.Empty, StringComparison.Ordinal);
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow >= 0 ? text[..arrow] : text).Split(',');
        if (terms.Length > operands.Count)
        {
            return Bad("fewer operands were provided than specified in the equation");
        }

        if (terms.Length < operands.Count)
        {
            return Bad("more operands were provided than specified in the equation");
        }

        var sizes = new Dictionary<char, Dim>();
        var counts = new Dictionary<char, int>();
        var ellipsis = new Shape();
        for (var i = 0; i < terms.Length; i++)
        {
            var term = terms[i];
            var dots = term.IndexOf("...", StringComparison.Ordinal);
            var letters = term.Replace("...", string.Empty, StringComparison.Ordinal);
            if (letters.Any(ch => !char.IsAsciiLetter(ch)) || (dots >= 0 && term.IndexOf("...", dots + 3, StringComparison.Ordinal) >= 0))
            {
                return Bad($"invalid subscript given at index {i} in the equation string, subscripts must be in [a-zA-Z]");
            }

            var shape = operands[i];
            if (dots < 0 ? letters.Length != shape.Rank : letters.Length > shape.Rank)
            {
                return Bad(dots < 0
                    ? $"the number of subscripts in the equation ({letters.Length}) does not match the number of dimensions ({shape.Rank}) for operand {i} and no ellipsis was given"
                    : $"the number of subscripts in the equation ({letters.Length}) is more than the number of dimensions ({shape.Rank}) for operand {i}");
            }

            var covered = shape.Rank - letters.Length;
            if (dots >= 0)
            {
                if (!Broadcasting.TryBroadcast(ellipsis, shape.Slice(dots, dots + covered), op, out var merged, out _))
                {
                    return Bad($"operands do not broadcast over the dims that ... stands for (operand {i})");
                }

                ellipsis = merged;
            }

            for (var k = 0; k < letters.Length; k++)
            {
                var label = letters[k];
                var dim = shape[dots >= 0 && k >= dots ? k + covered : k];
                counts[label] = counts.GetValueOrDefault(label) + 1;
                if (!sizes.TryGetValue(label, out var seen) || OpDims.Is(seen, 1))
                {
                    sizes[label] = dim;
                }
                else if (!OpDims.Is(dim, 1) && OpDims.Equal(seen, dim) != true)
                {
                    if (OpDims.Equal(seen, dim) == false)
                    {
                        return Bad($"subscript {label} has size {dim} for operand {i} which does not broadcast with previously seen size {seen}");
                    }

                    return OpResult.NotKnown($"whether the sizes {seen} and {dim} of subscript {label} agree");
                }
            }
        }

        string output;
        if (arrow >= 0)
        {
            output = text[(arrow + 2)..];
            var outLetters = output.Replace("...", string.Empty, StringComparison.Ordinal);
            foreach (var label in outLetters)
            {
                if (!char.IsAsciiLetter(label))
                {
                    return Bad("invalid subscript given in the output of the equation string, subscripts must be in [a-zA-Z]");
                }

                if (!sizes.ContainsKey(label))
                {
                    return Bad($"output subscript {label} does not appear in the equation for any input operand");
                }

                if (outLetters.Count(c => c == label) > 1)
                {
                    return Bad($"output subscript {label} appears more than once in the output");
                }
            }
        }
        else
        {
            var once = counts.Where(kv => kv.Value == 1).Select(kv => kv.Key).OrderBy(ch => char.IsAsciiLetterUpper(ch) ? ch - 'A' : 26 + (ch - 'a'));
            output = "..." + string.Concat(once);
        }

        var dims = new List<Dim>();
        for (var k = 0; k < output.Length; k++)
        {
            if (string.CompareOrdinal(output, k, "...", 0, 3) == 0)
            {
                dims.AddRange(ellipsis);
                k += 2;
                continue;
            }

            dims.Add(sizes[output[k]]);
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary><c>torch.addmm(bias, mat1, mat2)</c>: mm, then the bias expanded to the product's shape.</summary>
    public static OpResult Addmm(Shape bias, Shape mat1, Shape mat2, string op = "addmm")
    {
        if (mat1.Rank != 2)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, $"mat1 must be a matrix, got {mat1.Rank}-D tensor", op, "mat1", "a matrix (2-D)", mat1));
        }

        if (mat2.Rank != 2)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, $"mat2 must be a matrix, got {mat2.Rank}-D tensor", op, "mat2", "a matrix (2-D)", mat2));
        }

        var product = Contract(mat1, mat2, mat1[0], mat1[1], mat2[0], mat2[1], new Shape(mat1[0], mat2[1]), op);
        return product.Failed ? product : Expansion.Expand(bias, [mat1[0], mat2[1]], op);
    }

    /// <summary><c>torch.baddbmm(bias, batch1, batch2)</c>: the bias expanded to the bmm's shape, then bmm.</summary>
    public static OpResult Baddbmm(Shape bias, Shape batch1, Shape batch2, string op = "baddbmm")
    {
        // The bias is expanded to (batch1.size(0), batch1.size(1), batch2.size(2)) before any rank check.
        if ((SizeError(op, batch1, 0) ?? SizeError(op, batch1, 1) ?? SizeError(op, batch2, 2)) is { } sizeError)
        {
            return OpResult.Fail(sizeError);
        }

        var expanded = Expansion.Expand(bias, [batch1[0], batch1[1], batch2[2]], op);
        return expanded.Failed ? expanded : Bmm(batch1, batch2, op);
    }

    /// <summary>
    /// <c>F.linear(input, weight, bias)</c> = input @ weight.T + bias, computed as PyTorch 1.13 does: addmm for a 2-D
    /// input (and a 3-D one, folded) with a bias, else matmul and an in-place add of the bias.
    /// </summary>
    public static OpResult Linear(Shape input, Shape weight, Shape? bias = null, string op = "linear")
    {
        if (weight.Rank > 2)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank,
                $"t() expects a tensor with <= 2 dimensions, but self is {weight.Rank}D", op, "weight", "at most 2-D", weight));
        }

        var weightT = weight.Rank == 2 ? new Shape(weight[1], weight[0]) : weight;
        if (bias is not null && input.Rank == 2)
        {
            return Addmm(bias, input, weightT, op);
        }

        if (bias is not null && input.Rank == 3)
        {
            var folded = Addmm(bias, new Shape(input[0] * input[1], input[2]), weightT, op);
            return folded.Failed ? folded : OpResult.Ok(new Shape(input[0], input[1], folded.Output![1]));
        }

        var output = Matmul(input, weightT, op);
        if (bias is null || output.Failed)
        {
            return output;
        }

        var outShape = output.Output!;
        if (!Broadcasting.TryBroadcast(outShape, bias, op, out var broadcast, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (broadcast.Rank != outShape.Rank || !SameOrUndecided(broadcast, outShape))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument,
                $"output with shape {outShape.ToTorchString()} doesn't match the broadcast shape {broadcast.ToTorchString()}",
                op, "bias", $"of shape {bias} would broadcast the output {outShape} to {broadcast}"));
        }

        return OpResult.Ok(outShape);
    }

    /// <summary>What <c>x.size(dim)</c> raises, or null: a 0-d tensor has no dims, others wrap the dim.</summary>
    private static OpError? SizeError(string op, Shape x, int dim)
    {
        if (x.Rank == 0)
        {
            return OpError.Of(DiagnosticCatalog.OpOperandRank, $"Dimension specified as {dim} but tensor has no dimensions", op, "each batch", "3-D", x);
        }

        return dim >= x.Rank ? OpDims.OutOfRange(op, dim, x.Rank) : null;
    }

    private static bool SameOrUndecided(Shape a, Shape b)
    {
        for (var i = 0; i < a.Rank; i++)
        {
            if (OpDims.Differ(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>mm of an (n x k1) by a (k2 x p) matrix, with mm's message.</summary>
    private static OpResult Contract(Shape a, Shape b, Dim n, Dim k1, Dim k2, Dim p, Shape output, string op)
    {
        if (OpDims.Differ(k1, k2))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                $"mat1 and mat2 shapes cannot be multiplied ({OpDims.Matrix(n, k1)} and {OpDims.Matrix(k2, p)})",
                op, a, b, Contracted(k1, k2)));
        }

        return OpResult.Ok(output);
    }

    /// <summary>mv of an (n x k) matrix by a vector, with mv's message.</summary>
    private static OpResult MatrixVector(Shape a, Shape b, Dim n, Dim k, Shape output, string op)
    {
        var v = b[0];
        if (OpDims.Differ(k, v))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpMatmulMismatch,
                $"size mismatch, got {n}, {OpDims.Matrix(n, k)},{v}", op, a, b, Contracted(k, v)));
        }

        return OpResult.Ok(output);
    }

    private static string Contracted(Dim k1, Dim k2) => $"the contracted sizes {k1} and {k2} differ";
}
