using AnomalyLab.Audio;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// Turns failures into one <c>error: &lt;file&gt;: &lt;problem&gt;</c> line on stderr, never a stack trace: bad input files and
/// bad options exit with <see cref="BadInput"/>; anything unexpected (a defect of ours) with <see cref="InternalError"/>
/// (set ANOMALYLAB_DEBUG=1 to see its stack trace).
/// </summary>
internal static class CliErrors
{
    /// <summary>Bad input: a bad file, option or output path (also a command line that does not parse).</summary>
    public const int BadInput = 2;

    /// <summary>A failure that is not the input's fault (sysexits EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Runs a command's action.</summary>
    /// <param name="action">The command; returns its exit code.</param>
    /// <param name="resampleFlag">The command's flag that resamples files at another rate, for the rate-mismatch hint; null when it has none.</param>
    public static int Run(Func<int> action, string? resampleFlag = null)
    {
        try
        {
            return action();
        }
        catch (SampleRateMismatchException e)
        {
            string hint = resampleFlag is not null
                ? $" Pass {resampleFlag} to resample it."
                : $" This command does not resample: convert the file to {e.ExpectedRate} Hz first (e.g. sox in.wav -r {e.ExpectedRate} out.wav), or use a feature preset at {e.FoundRate} Hz.";
            return Fail(e.Message + hint);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            return Fail(e.Message);
        }
        catch (Exception e)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            if (Environment.GetEnvironmentVariable("ANOMALYLAB_DEBUG") is { Length: > 0 }) Console.Error.WriteLine(e);
            return InternalError;
        }
    }

    /// <summary>Prints one error line and returns <see cref="BadInput"/>.</summary>
    public static int Fail(string message)
    {
        AnsiConsole.Console.Profile.Out.Writer.Flush();
        Console.Error.WriteLine($"error: {OneLine(message)}");
        return BadInput;
    }

    private static bool IsBadInput(Exception e) =>
        e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException or FormatException
            or InvalidOperationException or OverflowException or NotSupportedException or System.Text.Json.JsonException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
