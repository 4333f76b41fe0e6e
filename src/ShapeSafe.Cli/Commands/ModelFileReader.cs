using System.Text;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Syntax;

namespace ShapeSafe.Cli.Commands;

/// <summary>Reads a model or Python file from disk, turning every I/O problem into a one-line usage error that names the file.</summary>
public static class ModelFileReader
{
    private const long MaxBytes = 8 * 1024 * 1024;

    public static ModelFile Read(string path) => ModelFileParser.Parse(path, ReadText(path));

    /// <summary>The file's text (UTF-8, invalid bytes replaced), after checking that it is a readable file of a sane size.</summary>
    public static string ReadText(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new UsageException($"{path}: is a folder, not a model file");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException($"{path}: no such file");
            }

            if (info.Length > MaxBytes)
            {
                throw new UsageException($"{path}: {info.Length} bytes is too large for a model file (at most {MaxBytes})");
            }

            return new UTF8Encoding(false, false).GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be read ({e.Message})");
        }
    }
}
