using System.Text.Json;
using AnomalyLab.Masks;
using AnomalyLab.Plots;
using AnomalyLab.Tests.Masks;
using AnomalyLab.Tests.TestSupport;
using Microsoft.Playwright;

namespace AnomalyLab.Tests.Plots;

/// <summary>The mask comparison figures: own colour scales, black real profile, categorical legends, stacked agreement parts.</summary>
public sealed class MaskComparisonChartsTests
{
    private static JsonElement Figure(Plotly.NET.GenericChart chart) => SpectrogramPlotsTests.Figure(chart);

    private static (AnomalyExcessMap Map, IReadOnlyList<CoverageProfile> Profiles) Sample()
    {
        var map = PresetComparisonTests.Clips("id_00", 4).Map();
        return (map, MaskStrategies.ComparisonProfiles(64, 160, perlinMasks: 100));
    }

    [Fact]
    public void Side_by_side_panels_each_get_their_own_colour_range_and_bar()
    {
        var (map, profiles) = Sample();
        JsonElement[] traces = Figure(MaskReports.SideBySide(map, profiles)).GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(1 + profiles.Count, traces.Length);
        var ranges = traces.Select(t => (low: t.GetProperty("zmin").GetDouble(), high: t.GetProperty("zmax").GetDouble())).ToArray();
        // The real map in dB (several dB) and each coverage panel in probability (≤ 1) each span their own values.
        Assert.True(ranges[0].high > 1, $"real excess range {ranges[0]}");
        Assert.All(ranges.Skip(1), r => Assert.InRange(r.high, r.low + 1e-6, 1.0));
        Assert.All(traces, t => Assert.NotEqual(JsonValueKind.False, t.GetProperty("showscale").ValueKind));
        Assert.Equal("P(masked)", traces[1].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_real_profile_is_black_over_the_presets()
    {
        var (map, profiles) = Sample();
        JsonElement[] traces = Figure(MaskReports.MelProfiles(map, profiles)).GetProperty("data").EnumerateArray().ToArray();
        var real = traces.Single(t => t.GetProperty("name").GetString() == "real id_00");
        Assert.Equal(MaskComparisonCharts.RealColor, real.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(profiles.Count + 1, traces.Length);
    }

    [Fact]
    public void Binary_masks_get_a_categorical_legend()
    {
        var masks = new AudioBandSegmentMasks(AudioBandSegmentOptions.Proposed).Generate(2, 1);
        JsonElement trace = Figure(MaskComparisonCharts.Categorical(MaskReports.Panels(masks, "mask"), "masks", MaskReports.BinaryCategories)).GetProperty("data")[0];
        JsonElement bar = trace.GetProperty("colorbar");
        Assert.Equal(["kept (0)", "masked (1)"], bar.GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([0, 1], bar.GetProperty("tickvals").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal((-0.5, 1.5), (trace.GetProperty("zmin").GetDouble(), trace.GetProperty("zmax").GetDouble()));
    }

    [Fact]
    public void A_study_region_map_gets_a_categorical_legend()
    {
        var clips = PresetComparisonTests.Clips("id_00", 6);
        var study = AnomalyLab.Studies.SpectrogramStudy.Run(new AnomalyLab.Studies.MachineIdInput("toy", "id_00", clips.Normal, clips.Anomalous));
        JsonElement trace = Figure(AnomalyLab.Studies.StudyFigures.TopRegion(study, 0.032)).GetProperty("data")[0];
        Assert.Equal(["outside", "top region"], trace.GetProperty("colorbar").GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal((-0.5, 1.5), (trace.GetProperty("zmin").GetDouble(), trace.GetProperty("zmax").GetDouble()));
    }

    [Fact]
    public void Agreement_bars_stack_the_four_parts_to_the_score()
    {
        var (map, profiles) = Sample();
        var scores = MaskAgreement.Table(profiles, [map]);
        JsonElement figure = Figure(MaskReports.AgreementChart("toy", scores));
        JsonElement[] traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(4, traces.Length);
        Assert.Equal("stack", figure.GetProperty("layout").GetProperty("barmode").GetString());
        for (int p = 0; p < profiles.Count; p++)
            Assert.Equal(scores[p].Score, traces.Sum(t => t.GetProperty("y")[p].GetDouble()), 9);
    }

    [ChromiumFact]
    public async Task Every_coverage_panel_of_the_agreement_page_shows_structure_in_the_browser()
    {
        using var folder = new TempFolder();
        var clips = new[] { PresetComparisonTests.Clips("id_00", 4) };
        var comparison = PresetComparison.Run("toy", MaskStrategies.ComparisonProfiles(64, 160, perlinMasks: 100), clips, new BootstrapOptions { Replicates = 10 });
        string path = MaskReports.Agreement(comparison).Write(folder.File("agreement.html"));
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserRenderingTests.ChromiumPath, Headless = true, Args = ["--headless", "--no-sandbox", "--disable-gpu"],
        });
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('.anomalylab-figure')).every(f => f.querySelector('svg.main-svg'))", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        // Per heatmap image of the side-by-side figure (the first figure with 5 heatmaps): the range of luminance drawn (0–255).
        // On one shared scale the coverage panels (probabilities) sit in the darkest few per cent of the real map's dB range.
        var colours = await page.EvaluateAsync<double[]>("""
            async () => {
              const figure = Array.from(document.querySelectorAll('.anomalylab-figure')).find(f => f.querySelectorAll('g.hm image').length === 5);
              const counts = [];
              for (const image of figure.querySelectorAll('g.hm image')) {
                const source = new Image();
                source.src = image.getAttribute('href') || image.getAttribute('xlink:href');
                await source.decode();
                const canvas = document.createElement('canvas');
                canvas.width = source.width; canvas.height = source.height;
                const context = canvas.getContext('2d');
                context.drawImage(source, 0, 0);
                const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let low = 255, high = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  if (pixels[i + 3] === 0) continue;
                  const luminance = 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
                  low = Math.min(low, luminance); high = Math.max(high, luminance);
                }
                counts.push(high - low);
              }
              return counts;
            }
            """);
        Assert.Equal(5, colours.Length);
        Assert.All(colours, c => Assert.True(c > 100, $"a panel's colours span only {c:F0} of 255 luminance levels: {string.Join(", ", colours.Select(v => v.ToString("F0")))}"));
    }
}
