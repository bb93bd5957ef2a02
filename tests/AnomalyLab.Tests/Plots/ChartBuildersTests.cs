using System.Text.Json;
using AnomalyLab.Plots;

namespace AnomalyLab.Tests.Plots;

public sealed class ChartBuildersTests
{
    [Fact]
    public void Line_chart_has_one_trace_per_series_with_names_and_axis_titles()
    {
        JsonElement figure = SpectrogramPlotsTests.Figure(LineCharts.Lines(
            [LineSeries.Indexed("torchaudio", [1.0, 2.0, 3.0]), new LineSeries("baseline", [0.0, 1.0], [5.0, 6.0])], "Per band", "mel bin", "level (dB)"));
        Assert.Equal(["torchaudio", "baseline"], figure.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("level (dB)", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("mel bin", figure.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Line_series_of_unequal_lengths_is_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => LineCharts.Line(new LineSeries("bad", [1.0], [1.0, 2.0]), "t", "x", "y"));
        Assert.Contains("'bad'", error.Message);
    }

    [Fact]
    public void Roc_chart_shows_auc_in_the_legend_and_the_chance_line()
    {
        // A curve through (0,0), (0,1), (1,1) has area 1; (0,0), (0.5,0.5), (1,1) has area 0.5.
        JsonElement figure = SpectrogramPlotsTests.Figure(RocCurveChart.Create(
        [
            new RocSeries("perfect", [0.0, 0.0, 1.0], [0.0, 1.0, 1.0]),
            new RocSeries("chance-like", [0.0, 0.5, 1.0], [0.0, 0.5, 1.0]),
            new RocSeries("given", [0.0, 1.0], [0.0, 1.0], GivenAuc: 0.8765),
        ], "ROC per machine"));
        Assert.Equal(["perfect (AUC = 1.000)", "chance-like (AUC = 0.500)", "given (AUC = 0.877)", "chance (AUC = 0.500)"],
            figure.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        JsonElement layout = figure.GetProperty("layout");
        Assert.Equal("false-positive rate", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("true-positive rate", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal([0.0, 1.0], layout.GetProperty("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Mask_grid_places_panels_in_subplots_with_one_shared_symmetric_range()
    {
        var panels = Enumerable.Range(0, 5).Select(i =>
        {
            var values = new float[3, 4];
            values[1, 2] = i - 3; // -3 … 1: the symmetric limit is 3
            return new MaskPanel($"mask {i}", values);
        }).ToList();
        JsonElement figure = SpectrogramPlotsTests.Figure(MaskGridChart.Create(panels, "Masks", columns: 3, diverging: true));
        JsonElement[] traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(5, traces.Length);
        Assert.All(traces, trace =>
        {
            Assert.Equal(-3.0, trace.GetProperty("zmin").GetDouble());
            Assert.Equal(3.0, trace.GetProperty("zmax").GetDouble());
        });
        Assert.Equal(["x", "x2", "x3", "x4", "x5"], traces.Select(t => t.GetProperty("xaxis").GetString()));
        JsonElement layout = figure.GetProperty("layout");
        Assert.Equal(2, layout.GetProperty("grid").GetProperty("rows").GetInt32());
        Assert.Equal(3, layout.GetProperty("grid").GetProperty("columns").GetInt32());
        Assert.Equal("mel bin", layout.GetProperty("yaxis4").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("", layout.GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(5, layout.GetProperty("annotations").GetArrayLength()); // subplot titles
    }
}
