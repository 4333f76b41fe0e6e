using ShapeSafe.IO;

namespace ShapeSafe.Tests.IO;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("cat", "cat")]
    [InlineData("T-shirt/top", "T-shirt/top")]
    [InlineData("chat noir", "chat noir")]
    [InlineData("\u001b[2J\u001b[31mred", "\\x1b[2J\\x1b[31mred")]
    [InlineData("a\rb\nc\td\u007f", "a\\x0db\\x0ac\\x09d\\x7f")]
    [InlineData("x\u202ey", "x\\u202ey")]
    [InlineData("x\u0085y", "x\\x85y")]
    public void ControlAndFormatCharactersAreWrittenAsEscapes(string text, string printed) =>
        Assert.Equal(printed, PrintableText.Escape(text));

    [Fact]
    public void VeryLongTextIsCutAndSaysItsLength()
    {
        var printed = PrintableText.Escape(new string('c', 5000));

        Assert.Equal(new string('c', PrintableText.MaxLength) + "... (5000 characters)", printed);
    }
}
