using System.Globalization;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// The CLI's one table adapter: a library results table (title, columns, rows of numbers or text) drawn as a Spectre.Console
/// table. Text is shown as given (escaped, never read as markup); numbers with four decimals (<c>F4</c>); null as an empty cell.
/// </summary>
internal static class ConsoleTables
{
    /// <summary>
    /// Writes <paramref name="results"/> to the console; <paramref name="colour"/>, when given, names a Spectre colour
    /// (e.g. <c>green</c>) for a cell from its (column, text), or null to leave it plain.
    /// </summary>
    public static void Write(AnomalyLab.Plots.TableFigure results, Func<string, string, string?>? colour = null)
    {
        var table = new Table();
        if (results.Title.Length > 0) table.Title = new TableTitle(Markup.Escape(results.Title));
        foreach (string column in results.Columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in results.Rows)
            table.AddRow(Enumerable.Range(0, results.Columns.Count).Select(c => Cell(results.Columns[c], c < row.Count ? row[c] : null, colour)).ToArray());
        AnsiConsole.Write(table);
    }

    private static string Cell(string column, object? value, Func<string, string, string?>? colour)
    {
        string text = value switch
        {
            double d => d.ToString("F4", CultureInfo.InvariantCulture),
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return colour?.Invoke(column, text) is { } name ? $"[{name}]{Markup.Escape(text)}[/]" : Markup.Escape(text);
    }
}
