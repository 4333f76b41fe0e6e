using ShapeSafe.Cli.Hosting;
using ShapeSafe.IO;
using ShapeSafe.Syntax;

namespace ShapeSafe.Cli.Commands;

/// <summary>Reads a model or Python file from disk, turning every I/O problem into a one-line usage error that names the file.</summary>
public static class ModelFileReader
{
    public static ModelFile Read(string path) => ModelFileParser.Parse(path, ReadText(path));

    /// <summary>The file's text (UTF-8, invalid bytes replaced), read by <see cref="SourceFile"/>: a regular file of at most 8 MiB.</summary>
    public static string ReadText(string path)
    {
        try
        {
            return SourceFile.ReadText(path);
        }
        catch (SourceFileException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
