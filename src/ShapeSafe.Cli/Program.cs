using ShapeSafe.Cli.Hosting;

namespace ShapeSafe.Cli;

public static class Program
{
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
