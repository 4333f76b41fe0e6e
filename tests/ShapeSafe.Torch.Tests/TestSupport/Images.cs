using SkiaSharp;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Writes small solid-color images for image-folder tests.</summary>
public static class Images
{
    public static string WriteSolid(string path, SKColor color, int width = 10, int height = 6, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        using var file = File.Create(path);
        data.SaveTo(file);
        return path;
    }
}
