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
        catch (Exception raw)
        {
            // Parallel loops wrap the first failing file's exception: report that file, not "one or more errors occurred".
            Exception e = raw is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : raw;
            if (e is SampleRateMismatchException mismatch)
            {
                string hint = resampleFlag is not null
                    ? $" Pass {resampleFlag} to resample it."
                    : $" This command does not resample: convert the file to {mismatch.ExpectedRate} Hz first (e.g. sox in.wav -r {mismatch.ExpectedRate} out.wav), or use a feature preset at {mismatch.FoundRate} Hz.";
                return Fail(mismatch.Message + hint);
            }
            if (IsBadInput(e)) return Fail(e.Message);
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            if (Environment.GetEnvironmentVariable("ANOMALYLAB_DEBUG") is { Length: > 0 }) Console.Error.WriteLine(raw);
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
            or InvalidOperationException or OverflowException or NotSupportedException or KeyNotFoundException or System.Text.Json.JsonException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
