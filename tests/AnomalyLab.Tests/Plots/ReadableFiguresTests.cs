using System.IO.Compression;
using System.Text;
using AnomalyLab.Features;
using AnomalyLab.Plots;
using AnomalyLab.Studies;
using Newtonsoft.Json.Linq;
using Plotly.NET;

namespace AnomalyLab.Tests.Plots;

/// <summary>Issue 18: axes a researcher reads (Hz on mel axes, seconds), categorical legends, compact reports.</summary>
public sealed class ReadableFiguresTests
{
    private static JObject Figure(GenericChart chart) => JObject.Parse(PlotlyFigureHtml.FigureJson(chart));

    [Fact]
    public void Mel_axis_ticks_say_hz_at_the_bins_whose_filters_are_centred_there()
    {
        MelAxis axis = MelAxis.From(LogMelOptions.Torchaudio);
        (double[] bins, string[] labels) = axis.Ticks();
        Assert.Contains("1 kHz", labels);
        Assert.Contains("500 Hz", labels);
        Assert.True(bins.Zip(bins.Skip(1)).All(p => p.Second - p.First >= 127 / 10.0), "ticks closer than n_mels / 10 bins");
        // A filter's peak sits at its centre frequency: the weight row of bin b peaks at the FFT bin nearest HzAt(b).
        double[,] weights = MelFilterbank.Create(LogMelOptions.Torchaudio).Weights;
        double hzPerFftBin = 16000.0 / 1024;
        foreach (int b in new[] { 10, 64, 100, 126 })
        {
            int peak = Enumerable.Range(0, weights.GetLength(1)).MaxBy(k => weights[b, k]);
            Assert.InRange(axis.HzAt(b), (peak - 1) * hzPerFftBin, (peak + 1) * hzPerFftBin);
            Assert.Equal(b, axis.BinAt(axis.HzAt(b)), 9);
        }
        Assert.Equal("mel 64 (1.8 kHz)", axis.Describe(64));
        Assert.Equal("2.75 s (frame 86)", MelAxis.DescribeFrame(86, 512 / 16000.0));
    }

    [Fact]
    public void A_heatmap_with_a_mel_axis_labels_its_y_ticks_in_hz_and_its_x_axis_in_seconds()
    {
        var values = new float[128, 40];
        JObject figure = Figure(SpectrogramPlots.Heatmap(values, "levels", 0.032, mel: MelAxis.From(LogMelOptions.Torchaudio)));
        JToken yaxis = figure["layout"]!["yaxis"]!;
        Assert.Equal(MelAxis.Title, (string?)yaxis["title"]!["text"]);
        Assert.Equal("array", (string?)yaxis["tickmode"]);
        Assert.All(yaxis["ticktext"]!.Values<string>(), t => Assert.Matches(@"^\d+(\.\d)? k?Hz$", t!));
        Assert.Equal("time (s)", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal(0.032, (double)figure["data"]![0]!["dx"]!);
    }

    [Fact]
    public void A_categorical_map_has_one_solid_colour_per_category_and_the_names_on_its_legend()
    {
        var categories = new int[4, 6];
        for (int t = 0; t < 6; t++) categories[t % 4, t] = t % 4;
        JObject figure = Figure(SpectrogramPlots.Categorical(categories, StudyFigures.TopRegionCategories, "regions", 0.032));
        JToken trace = figure["data"]![0]!;
        Assert.Equal(StudyFigures.TopRegionCategories, trace["colorbar"]!["ticktext"]!.Values<string>());
        Assert.Equal([0, 1, 2, 3], trace["colorbar"]!["tickvals"]!.Values<int>());
        Assert.Equal(-0.5, (double)trace["zmin"]!);
        Assert.Equal(3.5, (double)trace["zmax"]!);
        var stops = trace["colorscale"]!.Select(s => (Position: (double)s[0]!, Colour: (string)s[1]!)).ToArray();
        Assert.Equal(8, stops.Length); // two stops per category: solid bands, no gradient between categories
        for (int k = 0; k < 4; k++) Assert.Equal(stops[2 * k].Colour, stops[2 * k + 1].Colour);
        Assert.Throws<ArgumentException>(() => SpectrogramPlots.Categorical(new int[2, 2] { { 0, 4 }, { 1, 2 } }, StudyFigures.TopRegionCategories, "bad"));
    }

    [Fact]
    public void Stacked_maps_share_their_time_axis_and_are_as_tall_as_single_heatmaps()
    {
        var a = new float[128, 50];
        var b = new float[128, 50];
        b[3, 4] = 2;
        JObject figure = Figure(SpectrogramPlots.Stacked([new MaskPanel("normal", a), new MaskPanel("anomalous", b)], "residual", 0.032, "dB", MelAxis.From(LogMelOptions.Torchaudio)));
        Assert.Equal("x", (string?)figure["layout"]!["xaxis2"]!["matches"]);
        Assert.True((int)figure["layout"]!["height"]! >= 2 * (SpectrogramPlots.DefaultHeight - 140));
        Assert.Equal(SpectrogramPlots.DefaultWidth, (int)figure["layout"]!["width"]!);
    }

    [Fact]
    public void Heatmaps_and_line_charts_share_width_and_margins_so_stacked_figures_line_up()
    {
        JObject heatmap = Figure(SpectrogramPlots.Heatmap(new float[8, 8], "h", 0.032));
        JObject line = Figure(LineCharts.Lines([LineSeries.Indexed("a", [1.0, 2.0])], "l", "time (s)", "dB"));
        Assert.Equal((int)heatmap["layout"]!["width"]!, (int)line["layout"]!["width"]!);
        Assert.Equal(heatmap["layout"]!["margin"]!.ToString(), line["layout"]!["margin"]!.ToString());
        Assert.Equal("h", (string?)line["layout"]!["legend"]!["orientation"]);
    }

    [Fact]
    public void Line_chart_values_are_written_with_five_significant_digits()
    {
        JObject figure = Figure(LineCharts.Lines([new LineSeries("a", [0.123456789, 1234.56789], [-9.87654321e-7, 98765.4321])], "l", "x", "y"));
        Assert.Equal([0.12346, 1234.6], figure["data"]![0]!["x"]!.Values<double>());
        Assert.Equal([-9.8765e-7, 98765.0], figure["data"]![0]!["y"]!.Values<double>());
    }

    [Fact]
    public void A_packed_heatmap_decodes_to_its_values_within_half_a_step_and_keeps_nan()
    {
        var rows = new float[40][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = new float[50];
            for (int c = 0; c < 50; c++) rows[r][c] = (float)(-60 + 80 * Math.Sin(r * 0.3 + c * 0.11) * Math.Sin(c * 0.05));
        }
        rows[3][7] = float.NaN;
        JObject packed = JObject.Parse(PlotlyFigureHtml.PackedGrid(rows)!);
        Assert.Equal("u1-zlib-base64", (string?)packed["anomalylabPacked"]);
        Assert.Equal([40, 50], packed["shape"]!.Values<int>());
        byte[] codes;
        using (var zlib = new ZLibStream(new MemoryStream(Convert.FromBase64String((string)packed["data"]!)), CompressionMode.Decompress))
        using (var bytes = new MemoryStream())
        {
            zlib.CopyTo(bytes);
            codes = bytes.ToArray();
        }
        double low = (double)packed["low"]!, step = (double)packed["step"]!;
        for (int r = 0; r < 40; r++)
            for (int c = 0; c < 50; c++)
            {
                if (float.IsNaN(rows[r][c])) Assert.Equal(255, codes[r * 50 + c]);
                else Assert.True(Math.Abs(low + codes[r * 50 + c] * step - rows[r][c]) <= step / 2 + 1e-6);
            }
        // Integer maps of few levels (masks, categories) come back exactly.
        var mask = Enumerable.Range(0, 40).Select(r => Enumerable.Range(0, 40).Select(c => (float)((r + c) % 4)).ToArray()).ToArray();
        JObject exact = JObject.Parse(PlotlyFigureHtml.PackedGrid(mask)!);
        Assert.Equal(1.0, (double)exact["step"]!);
        Assert.Null(PlotlyFigureHtml.PackedGrid(new[] { new float[] { 1, 2 } })); // small grids stay plain JSON
    }

    [Fact]
    public void Report_fragments_carry_packed_heatmaps_and_define_the_layout_template_once_per_page()
    {
        var values = new float[64, 64];
        var report = new HtmlReport("two maps")
            .AddFigure("a", SpectrogramPlots.Heatmap(values, "a", 0.032))
            .AddFigure("b", SpectrogramPlots.Heatmap(values, "b", 0.032));
        string html = report.ToHtml();
        Assert.Equal(2, CountOf(html, "\"anomalylabPacked\""));
        Assert.Equal(1, CountOf(html, "window.anomalylabUnpack = window.anomalylabUnpack ||"));
        Assert.Equal(1, CountOf(html, "(window.anomalylabTemplates = window.anomalylabTemplates || {})["));
        Assert.Equal(2, CountOf(html, "figure.layout.template = window.anomalylabTemplates["));
    }

    [Fact]
    public void The_default_study_report_is_under_6_MB_with_hz_on_its_mel_axes_and_seconds_beside_frames()
    {
        StudyResult result = StudyRunner.Run(new StudyRequest());
        string html = StudyReport.Build(result).ToHtml();
        long bytes = Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < 6_000_000, $"default study report is {bytes:N0} bytes");
        Assert.Equal(6, result.Ids.Count);
        Assert.Contains("\"title\":{\"text\":\"frequency (Hz, mel-spaced)\"}", html);
        Assert.Contains("\"ticktext\":[\"50 Hz\",\"500 Hz\",\"1 kHz\",\"2 kHz\",\"4 kHz\",\"6 kHz\"]", html);
        Assert.DoesNotContain("\"text\":\"mel bin\"", html);
        Assert.Matches(@"peak mel \d+ \(\d+(\.\d)? k?Hz\), \d+\.\d\d s \(frame \d+\)", html);
        Assert.Matches(@"<td>mel \d+ \(\d+(\.\d)? k?Hz\), \d+\.\d\d s \(frame \d+\)</td>", html); // summary table peaks
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
