using System.Globalization;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// Output width of the command. On a terminal Spectre.Console measures it. When stdout is redirected (CI logs, <c>| tee</c>)
/// nothing is wrapped: tables take their natural width and paths stay on one line, unless <c>COLUMNS</c> asks for a width.
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>Width used for redirected output without <c>COLUMNS</c>: wide enough that no table or path is ever wrapped.</summary>
    public const int Unwrapped = 4096;

    /// <summary>The width for redirected output: <c>COLUMNS</c> when it is a number ≥ 20, else <see cref="Unwrapped"/>.</summary>
    public static int ForRedirected(string? columns) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out int width) && width >= 20 ? width : Unwrapped;

    /// <summary>Applies the rule to <see cref="AnsiConsole"/> (call once, before any output).</summary>
    public static void Configure()
    {
        if (!Console.IsOutputRedirected) return;
        AnsiConsole.Profile.Width = ForRedirected(Environment.GetEnvironmentVariable("COLUMNS"));
    }
}
