using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace AnomalyLab.Reports;

/// <summary>
/// A <see cref="DataFrame"/> as a sortable HTML table (click a header to sort; click again to reverse), self-contained: a few
/// lines of inline script, no network. Numbers sort as numbers (the full value sits in <c>data-value</c>), text as text; the
/// table scrolls horizontally when wider than the page. For the notebook formatter and reports.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>Rows rendered by default; a longer frame shows this many and says how many there are.</summary>
    public const int DefaultMaxRows = 500;

    /// <summary>Significant digits shown for floating-point cells (the sort uses the exact value).</summary>
    public const int SignificantDigits = 6;

    /// <summary>CSS class of the table.</summary>
    public const string TableClass = "anomalylab-dataframe";

    private const string SortScript = """
        <script type="text/javascript">window.anomalylabSortTable = window.anomalylabSortTable || function (th) {
          const table = th.closest('table'), body = table.tBodies[0], column = th.cellIndex;
          const descending = th.getAttribute('aria-sort') === 'ascending';
          for (const other of th.parentNode.children) other.removeAttribute('aria-sort');
          th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
          const key = row => { const cell = row.cells[column]; const v = cell.getAttribute('data-value'); return v === null ? cell.textContent : (v === '' ? NaN : Number(v)); };
          const rows = Array.from(body.rows).sort((a, b) => {
            const x = key(a), y = key(b);
            const c = typeof x === 'number' && typeof y === 'number'
              ? (isNaN(x) ? 1 : isNaN(y) ? -1 : x - y) * (descending ? -1 : 1)
              : String(x).localeCompare(String(y), undefined, { numeric: true }) * (descending ? -1 : 1);
            return c;
          });
          for (const row of rows) body.appendChild(row);
        };</script>
        """;

    /// <summary>The table of <paramref name="frame"/>: header with column names and types, at most <paramref name="maxRows"/> rows.</summary>
    public static string Render(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var html = new StringBuilder(SortScript);
        html.Append($"<div style=\"max-width:100%;overflow-x:auto\"><table class=\"{TableClass}\"><thead><tr>");
        foreach (DataFrameColumn column in frame.Columns)
            html.Append("<th style=\"cursor:pointer\" title=\"")
                .Append(WebUtility.HtmlEncode($"{column.DataType.Name}; click to sort"))
                .Append("\" onclick=\"anomalylabSortTable(this)\">")
                .Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        long shown = Math.Min(frame.Rows.Count, maxRows);
        for (long r = 0; r < shown; r++)
        {
            html.Append("<tr>");
            foreach (DataFrameColumn column in frame.Columns) AppendCell(html, column[r], IsNumeric(column.DataType));
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        if (frame.Rows.Count > shown)
            html.Append(CultureInfo.InvariantCulture, $"<p><em>{shown} of {frame.Rows.Count} rows shown (sorting applies to these).</em></p>");
        return html.ToString();
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(int) || type == typeof(long) || type == typeof(short) ||
        type == typeof(byte) || type == typeof(decimal) || type == typeof(uint) || type == typeof(ulong);

    private static void AppendCell(StringBuilder html, object? value, bool numeric)
    {
        string text = value switch
        {
            null => "",
            double d => FormatDouble(d),
            float f => FormatDouble(f),
            bool b => b ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (numeric)
        {
            string exact = value switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => "",
            };
            html.Append("<td data-value=\"").Append(WebUtility.HtmlEncode(exact)).Append("\">");
        }
        else html.Append("<td style=\"text-align:left\">");
        html.Append(WebUtility.HtmlEncode(text)).Append("</td>");
    }

    private static string FormatDouble(double value) =>
        double.IsFinite(value) ? value.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
