using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AnomalyLab.Tests.TestSupport;

/// <summary>One Plotly figure read back from an HTML page: its title and the z values of its traces (heatmaps).</summary>
public sealed record ReportFigure(string Title, JsonElement Figure)
{
    /// <summary>
    /// z of trace <paramref name="trace"/> as rows (<c>[n_mels][frames]</c> for our heatmaps); a packed grid (large heatmaps,
    /// <c>anomalylabPacked</c>) is decoded the way the page's script does it: code · step + low, NaN for code 255.
    /// </summary>
    public double[][] Z(int trace = 0)
    {
        JsonElement z = Figure.GetProperty("data")[trace].GetProperty("z");
        if (z.ValueKind == JsonValueKind.Array)
            return z.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal("u1-zlib-base64", z.GetProperty("anomalylabPacked").GetString());
        int rows = z.GetProperty("shape")[0].GetInt32(), columns = z.GetProperty("shape")[1].GetInt32();
        double low = z.GetProperty("low").GetDouble(), step = z.GetProperty("step").GetDouble(), scale = Math.Pow(10, z.GetProperty("digits").GetInt32());
        using var inflate = new ZLibStream(new MemoryStream(Convert.FromBase64String(z.GetProperty("data").GetString()!)), CompressionMode.Decompress);
        using var codes = new MemoryStream();
        inflate.CopyTo(codes);
        byte[] k = codes.ToArray();
        Assert.Equal(rows * columns, k.Length);
        return Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns)
            .Select(c => k[r * columns + c] == 255 ? double.NaN : Math.Round((low + k[r * columns + c] * step) * scale) / scale).ToArray()).ToArray();
    }

    /// <summary>
    /// The largest error packing adds to trace <paramref name="trace"/>'s z: half a step plus the decoder's rounding to
    /// <c>digits</c> decimals (0 for plain JSON values).
    /// </summary>
    public double PackingError(int trace = 0)
    {
        JsonElement z = Figure.GetProperty("data")[trace].GetProperty("z");
        return z.ValueKind == JsonValueKind.Object ? z.GetProperty("step").GetDouble() / 2 + 0.5 * Math.Pow(10, -z.GetProperty("digits").GetInt32()) : 0;
    }
}

/// <summary>Reads the figures embedded in a report page (each fragment holds <c>var figure = {…};</c> before its <c>Plotly.newPlot</c>).</summary>
public static class ReportFigures
{
    private const string Start = "var figure = ";

    /// <summary>Every figure of <paramref name="html"/>, in page order, with its layout template when the page shares one.</summary>
    public static IReadOnlyList<ReportFigure> Read(string html)
    {
        var figures = new List<ReportFigure>();
        byte[] page = Encoding.UTF8.GetBytes(html), start = Encoding.UTF8.GetBytes(Start);
        for (int at = page.AsSpan().IndexOf(start); at >= 0;)
        {
            // One JSON value starts here; the script goes on after it (template, unpacking, Plotly.newPlot).
            int from = at + start.Length;
            var reader = new Utf8JsonReader(page.AsSpan(from));
            JsonElement figure = JsonDocument.ParseValue(ref reader).RootElement.Clone();
            int end = from + (int)reader.BytesConsumed;
            Assert.Contains("Plotly.newPlot(", Encoding.UTF8.GetString(page, end, Math.Min(page.Length - end, 400)));
            string title = figure.GetProperty("layout").TryGetProperty("title", out JsonElement t) && t.TryGetProperty("text", out JsonElement text) ? text.GetString() ?? "" : "";
            figures.Add(new ReportFigure(title, figure));
            int next = page.AsSpan(end).IndexOf(start);
            at = next < 0 ? -1 : end + next;
        }
        return figures;
    }
}
