namespace ShapeSafe.Shapes.Symbolic;

/// <summary>One term of a <see cref="SymExpr"/>: a non-zero integer coefficient times a monomial.</summary>
internal readonly record struct SymTerm(long Coefficient, SymMonomial Monomial);
