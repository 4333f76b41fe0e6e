using ShapeSafe.Shapes;

namespace ShapeSafe.Syntax;

/// <summary>The <c>input 128x3x64x64</c> line of a model file.</summary>
public sealed record InputDeclaration(Shape Shape, int Line, SourceSpan ShapeSpan);
