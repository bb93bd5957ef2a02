using System.Text.RegularExpressions;
using AnomalyLab.Plots;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Plots;

public sealed class HtmlReportTests
{
    internal static HtmlReport Sample()
    {
        var values = new float[8, 12];
        for (int m = 0; m < 8; m++)
        for (int t = 0; t < 12; t++)
            values[m, t] = MathF.Sin(m + t) * 10 - 40;
        var difference = new float[8, 12];
        difference[2, 3] = 5;
        difference[5, 7] = -2;
        return new HtmlReport("Sample report")
            .AddMarkdown("Question", "Does the **preset** matter?\n\n- yes\n- no")
            .AddFigure("Spectrogram", SpectrogramPlots.Heatmap(values, "levels", frameSeconds: 0.032))
            .AddFigure("Difference", SpectrogramPlots.Difference(difference, "Δ", frameSeconds: 0.032))
            .AddFigure("Per band", LineCharts.Line(LineSeries.Indexed("mean", [1.0, 3.0, 2.0]), "means", "mel bin", "dB"))
            .AddFigure("ROC", RocCurveChart.Create([new RocSeries("fan", [0.0, 0.2, 1.0], [0.0, 0.7, 1.0])]))
            .AddFigure("Masks", MaskGridChart.Create([new MaskPanel("a", difference), new MaskPanel("b", values)], "masks", columns: 2))
            .AddTable("Summary", new TableFigure("AUC", ["machine", "AUC"], [["fan", 0.81]]));
    }

    [Fact]
    public void Report_inlines_plotly_js_exactly_once_and_loads_nothing_from_the_network()
    {
        string html = Sample().ToHtml();
        Assert.Single(Regex.Matches(html, Regex.Escape(PlotlyJs.Marker)));
        // The library itself (its first 200 characters), not only the marker, appears once.
        Assert.Single(Regex.Matches(html, Regex.Escape(PlotlyJs.Source[..200])));
        Assert.Equal(5, Regex.Matches(html, "class=\"anomalylab-figure\"").Count);
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc\\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]*href\\s*=\\s*\"https?:", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void Plotly_js_is_the_bundle_embedded_in_plotly_net()
    {
        Assert.StartsWith("Plotly.NET.plotly-", PlotlyJs.ResourceName);
        Assert.True(PlotlyJs.Source.Length > 1_000_000, $"plotly.min.js is only {PlotlyJs.Source.Length} characters");
        Assert.DoesNotContain("</script", PlotlyJs.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_has_a_table_of_contents_linking_every_section()
    {
        string html = Sample().ToHtml();
        foreach (string id in new[] { "question", "spectrogram", "difference", "per-band", "roc", "masks", "summary" })
        {
            Assert.Contains($"<a href=\"#{id}\">", html);
            Assert.Contains($"id=\"{id}\"", html);
        }
        Assert.Contains("<strong>preset</strong>", html);
        Assert.Contains("<td>0.81</td>", html);
    }

    [Fact]
    public void Write_is_atomic_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = Sample().Write(folder.File("sub", "report.html"));
        Assert.True(File.Exists(path));
        Assert.Equal(["report.html"], Directory.GetFiles(folder.File("sub")).Select(Path.GetFileName));
    }
}
