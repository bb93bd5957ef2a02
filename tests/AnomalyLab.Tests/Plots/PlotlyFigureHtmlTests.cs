using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Plots;
using Plotly.NET;

namespace AnomalyLab.Tests.Plots;

[Collection(nameof(ProcessWideState))] // the plotly.js session flag is process-wide
public sealed class PlotlyFigureHtmlTests
{
    private static IEnumerable<GenericChart> Charts()
    {
        var values = new float[8, 12];
        for (int m = 0; m < 8; m++)
            for (int t = 0; t < 12; t++) values[m, t] = m * 1.5f - t * 0.25f;
        yield return SpectrogramPlots.Heatmap(values, "levels", 0.032);
        yield return SpectrogramPlots.Difference(values, "difference");
        yield return LineCharts.Lines([LineSeries.Indexed("a", [1.0, 2.0, 3.0]), LineSeries.Indexed("b", [3.0, 1.0])], "lines", "x", "y");
    }

    [Fact]
    public void The_first_figure_of_a_session_carries_plotly_js_once_and_a_page_scope_never_does()
    {
        GenericChart chart = Charts().Last();
        // The session flag is process-wide: start a session here instead of depending on which test formatted first.
        PlotlyFigureHtml.StartNewSession();
        using (PlotlyFigureHtml.PageProvidesLibrary())
            Assert.DoesNotContain(PlotlyJs.Marker, PlotlyFigureHtml.Fragment(chart)); // a page scope neither shows nor uses up the library
        string first = PlotlyFigureHtml.Fragment(chart), second = PlotlyFigureHtml.Fragment(chart);
        Assert.StartsWith(PlotlyJs.ScriptElement, first, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(first, System.Text.RegularExpressions.Regex.Escape(PlotlyJs.Marker)));
        Assert.DoesNotContain(PlotlyJs.Marker, second);
        Assert.Contains("Plotly.newPlot(", second);
    }

    [Fact]
    public void Figure_json_with_the_cached_template_is_byte_identical_to_plotly_net_and_leaves_the_chart_unchanged()
    {
        foreach (GenericChart chart in Charts())
        {
            string expected = GenericChart.toFigureJson(chart);
            Assert.Equal(expected, PlotlyFigureHtml.FigureJson(chart));
            Assert.Equal(expected, PlotlyFigureHtml.FigureJson(chart)); // second call: template from the cache
            Assert.Equal(expected, GenericChart.toFigureJson(chart));    // the chart's own template is back in place
            Assert.Contains("\"template\":{", expected);
        }
    }
}
