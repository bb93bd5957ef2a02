using System.Text.Json;

namespace AnomalyLab.Tests.TestSupport;

/// <summary>One Plotly figure read back from an HTML page: its title and the z values of its first trace (heatmaps).</summary>
public sealed record ReportFigure(string Title, JsonElement Figure)
{
    /// <summary>z of trace <paramref name="trace"/> as rows (<c>[n_mels][frames]</c> for our heatmaps).</summary>
    public double[][] Z(int trace = 0) =>
        Figure.GetProperty("data")[trace].GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}

/// <summary>Reads the figures embedded in a report page (each fragment holds <c>var figure = {…};Plotly.newPlot(…)</c>).</summary>
public static class ReportFigures
{
    private const string Start = "var figure = ", End = ";Plotly.newPlot(";

    /// <summary>Every figure of <paramref name="html"/>, in page order.</summary>
    public static IReadOnlyList<ReportFigure> Read(string html)
    {
        var figures = new List<ReportFigure>();
        for (int at = html.IndexOf(Start, StringComparison.Ordinal); at >= 0; at = html.IndexOf(Start, at + 1, StringComparison.Ordinal))
        {
            int from = at + Start.Length, to = html.IndexOf(End, from, StringComparison.Ordinal);
            Assert.True(to > from, $"figure at offset {at} has no Plotly.newPlot call after it");
            JsonElement figure = JsonDocument.Parse(html[from..to]).RootElement.Clone();
            string title = figure.GetProperty("layout").TryGetProperty("title", out JsonElement t) && t.TryGetProperty("text", out JsonElement text) ? text.GetString() ?? "" : "";
            figures.Add(new ReportFigure(title, figure));
        }
        return figures;
    }
}
