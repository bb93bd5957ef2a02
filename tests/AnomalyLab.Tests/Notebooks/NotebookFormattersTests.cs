using AnomalyLab.Features;
using AnomalyLab.Notebooks;
using AnomalyLab.Plots;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;

namespace AnomalyLab.Tests.Notebooks;

public sealed class NotebookFormattersTests
{
    [Fact]
    public void Spectrogram_renders_as_a_plotly_heatmap_with_a_short_plain_text()
    {
        var spectrogram = new LogMelSpectrogram(new float[3, 4], LogMelOptions.Torchaudio, "zeros.wav");
        var bundle = MimeBundle.Of(spectrogram);
        Assert.Contains("Plotly.newPlot", bundle["text/html"]);
        Assert.Contains("\"type\":\"heatmap\"", bundle["text/html"]);
        Assert.Equal("LogMelSpectrogram [3, 4] dB of zeros.wav", bundle["text/plain"]);
    }

    [Fact]
    public void Metrics_table_and_dataframe_render_as_html_tables()
    {
        NotebookFormatters.Register();
        var table = new TableFigure("AUC", ["machine", "AUC"], [["fan", 0.812345], ["pump", 0.5]]);
        Assert.Contains("<td>0.8123</td>", Formatter.ToDisplayString(table, "text/html"));
        var frame = new DataFrame(new PrimitiveDataFrameColumn<double>("auc", [0.25, 0.75]), new StringDataFrameColumn("machine", ["fan", "pump"]));
        string html = Formatter.ToDisplayString(frame, "text/html");
        Assert.Contains("onclick=\"anomalylabSortTable(this)\">auc</th>", html);
        Assert.Contains("<td data-value=\"0.75\">0.75</td><td style=\"text-align:left\">pump</td>", html);
    }

    [Fact]
    public void Register_is_idempotent_and_other_areas_can_add_their_types()
    {
        NotebookFormatters.Register();
        NotebookFormatters.Register();
        HtmlFormatters.Register<SampleResult>(result => $"<b>{result.Score}</b>", result => $"score {result.Score}");
        var bundle = MimeBundle.Of(new SampleResult(7));
        Assert.Equal("<b>7</b>", bundle["text/html"]);
        Assert.Equal("score 7", bundle["text/plain"]);
    }

    public sealed record SampleResult(int Score);
}

public sealed class WorkbenchTypeFormattersTests
{
    [Fact]
    public void Mask_batches_and_excess_maps_render_as_figures_with_their_shape_in_plain_text()
    {
        NotebookFormatters.Register();
        var batch = AnomalyLab.Masks.MaskBatch.Zeros(10, 4, 6);
        batch.Data[3] = 1;
        string html = Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(batch, "text/html");
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("(first 8)", html);
        var traces = Assert.Single(AnomalyLab.Tests.TestSupport.ReportFigures.Read(html)).Figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(8, traces.Length);
        Assert.All(traces, t => Assert.Equal("heatmap", t.GetProperty("type").GetString()));
        Assert.Equal("MaskBatch [10, 1, 4, 6], 0.4 % masked", Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(batch, "text/plain"));
        var excess = new float[3, 5];
        excess[1, 2] = 1.5f;
        var map = new AnomalyLab.Masks.AnomalyExcessMap("id_04", excess);
        Assert.Contains("id_04: anomaly excess map", Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(map, "text/html"));
        Assert.Equal("AnomalyExcessMap id_04 [3, 5]", Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(map, "text/plain"));
    }
}
