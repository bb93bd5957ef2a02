using System.Globalization;
using System.Net;
using System.Text;

namespace AnomalyLab.Plots;

/// <summary>
/// A small table of results (rows × named columns) that displays as an HTML table in notebooks and reports.
/// Numbers are shown with <see cref="SignificantDigits"/> significant digits; strings as given.
/// </summary>
/// <param name="Title">Caption of the table.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">One list of cells per row, in column order (numbers, strings, or null for empty).</param>
public sealed record TableFigure(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Significant digits of numeric cells. Default 4.</summary>
    public int SignificantDigits { get; init; } = 4;

    /// <summary>A one-row-per-key table from name → value pairs (e.g. metric name → AUC).</summary>
    public static TableFigure FromPairs(string title, string keyColumn, string valueColumn, IEnumerable<KeyValuePair<string, double>> pairs) =>
        new(title, [keyColumn, valueColumn], pairs.Select(pair => (IReadOnlyList<object?>)[pair.Key, pair.Value]).ToArray());

    /// <summary>The table as an HTML <c>&lt;table&gt;</c> with a caption.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"metrics-table\">");
        html.Append("<caption>").Append(WebUtility.HtmlEncode(Title)).Append("</caption><thead><tr>");
        foreach (string column in Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (IReadOnlyList<object?> row in Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < Columns.Count; c++) html.Append("<td>").Append(WebUtility.HtmlEncode(Cell(c < row.Count ? row[c] : null))).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as aligned plain text (for <c>text/plain</c>).</summary>
    public override string ToString()
    {
        string[][] cells = [Columns.ToArray(), .. Rows.Select(row => Enumerable.Range(0, Columns.Count).Select(c => Cell(c < row.Count ? row[c] : null)).ToArray())];
        int[] widths = Enumerable.Range(0, Columns.Count).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder(Title).Append('\n');
        foreach (string[] row in cells) text.Append(string.Join("  ", row.Select((cell, c) => cell.PadLeft(widths[c])))).Append('\n');
        return text.ToString();
    }

    private string Cell(object? value) => value switch
    {
        null => "",
        double number => FormatNumber(number),
        float number => FormatNumber(number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private string FormatNumber(double number) =>
        double.IsFinite(number) ? number.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture);
}
