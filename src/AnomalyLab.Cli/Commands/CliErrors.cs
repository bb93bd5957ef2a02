using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>Turns expected failures (bad input files, bad options) into one red line and exit code 2, never a stack trace.</summary>
internal static class CliErrors
{
    public const int BadInput = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }
}
