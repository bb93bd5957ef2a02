using AnomalyLab.Tests.Notebooks;
using AnomalyLab.Tests.TestSupport;
using Microsoft.Playwright;

namespace AnomalyLab.Tests.Plots;

/// <summary>A fact that needs Debian's Chromium; skipped, with the reason shown, only where it is not installed (.ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(BrowserRenderingTests.ChromiumPath)) Skip = $"{BrowserRenderingTests.ChromiumPath} is not installed (apt-get install chromium): browser rendering test skipped";
    }
}

/// <summary>A theory that needs Debian's Chromium (see <see cref="ChromiumFactAttribute"/>).</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!File.Exists(BrowserRenderingTests.ChromiumPath)) Skip = $"{BrowserRenderingTests.ChromiumPath} is not installed (apt-get install chromium): browser rendering test skipped";
    }
}

/// <summary>
/// Opens written pages in headless Chromium (Debian's, through Playwright's driver; never a downloaded browser) and
/// checks that every figure was drawn by plotly.js — an SVG with content inside each <c>.js-plotly-plot</c> — and that
/// the page logged no error. Network access is blocked, so a page that needed a CDN would fail here.
/// </summary>
public sealed class BrowserRenderingTests
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    /// <summary>Per figure container: drawn by plotly (has .js-plotly-plot) and the number of elements in its SVGs.</summary>
    private sealed class FigureState
    {
        public bool Plotted { get; set; }

        public int SvgElements { get; set; }

        public int Traces { get; set; }
    }

    private static async Task<(FigureState[] Figures, List<string> Errors, List<string> Requests)> RenderAsync(string path, Func<IPage, Task>? inspect = null)
    {
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
        IPage page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        // Anything but the page itself would be a network dependency: record and refuse it.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                requests.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        await page.WaitForFunctionAsync(
            "() => Array.from(document.querySelectorAll('.anomalylab-figure')).every(f => f.classList.contains('js-plotly-plot') && f.querySelector('svg.main-svg'))",
            null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
        var figures = await page.EvaluateAsync<FigureState[]>("""
            () => Array.from(document.querySelectorAll('.anomalylab-figure')).map(f => ({
                plotted: f.classList.contains('js-plotly-plot'),
                svgElements: Array.from(f.querySelectorAll('svg.main-svg')).reduce((n, svg) => n + svg.querySelectorAll('*').length, 0),
                // 3-D scenes (t-SNE 3-D) draw with WebGL into a canvas inside .gl-container, not into SVG traces.
                traces: f.querySelectorAll('.cartesianlayer .trace, .heatmaplayer image, g.hm image, .gl-container canvas').length,
            }))
            """);
        if (inspect is not null) await inspect(page);
        return (figures, errors, requests);
    }

    private static void AssertRendered((FigureState[] Figures, List<string> Errors, List<string> Requests) page, int expectedFigures)
    {
        Assert.Equal(expectedFigures, page.Figures.Length);
        Assert.All(page.Figures, figure =>
        {
            Assert.True(figure.Plotted, "a figure container was not turned into a plot");
            Assert.True(figure.SvgElements > 20, $"a figure's SVG has only {figure.SvgElements} elements");
            Assert.True(figure.Traces > 0, "a figure has no drawn trace");
        });
        Assert.Empty(page.Errors);
        Assert.Empty(page.Requests);
    }

    [ChromiumFact]
    public async Task Report_figures_render_offline_without_console_errors()
    {
        using var folder = new TempFolder();
        var report = HtmlReportTests.Sample();
        string path = report.Write(folder.File("report.html"));
        AssertRendered(await RenderAsync(path), report.FigureCount);
    }

    [ChromiumFact]
    public async Task Study_report_with_packed_heatmaps_renders_and_hands_plotly_the_decoded_values()
    {
        using var folder = new TempFolder();
        var result = AnomalyLab.Studies.StudyRunner.Run(new AnomalyLab.Studies.StudyRequest { MachineTypes = ["fan"], MachineIds = ["id_00"] });
        var report = AnomalyLab.Studies.StudyReport.Build(result);
        string path = report.Write(folder.File("study.html"));
        Assert.Contains("anomalylabPacked", File.ReadAllText(path));
        float[,] expected = AnomalyLab.Data.MeanSpectrogram.ToFloat(result.Ids[0].MeanNormal);
        double[][] drawn = [];
        AssertRendered(await RenderAsync(path, async page =>
            drawn = await page.EvaluateAsync<double[][]>("() => document.querySelectorAll('.anomalylab-figure')[0].data[0].z")), report.FigureCount);
        Assert.Equal(expected.GetLength(0), drawn.Length);
        Assert.Equal(expected.GetLength(1), drawn[0].Length);
        (double low, double high) = AnomalyLab.Plots.ColorScales.Range([expected]);
        double halfStep = (high - low) / (AnomalyLab.Plots.PlotlyFigureHtml.PackLevels - 1) / 2 + 0.011; // + the 0.01 dB figure rounding
        for (int m = 0; m < expected.GetLength(0); m++)
            for (int t = 0; t < expected.GetLength(1); t++)
                Assert.True(Math.Abs(drawn[m][t] - expected[m, t]) <= halfStep, $"z[{m}][{t}] = {drawn[m][t]}, expected {expected[m, t]} ± {halfStep}");
    }

    [ChromiumTheory]
    [MemberData(nameof(NotebookRuns.All), MemberType = typeof(NotebookRuns))]
    public async Task Notebook_page_figures_render_offline_without_console_errors(string notebook)
    {
        var (result, html) = NotebookRuns.Executed(notebook);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        int figures = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(html), "class=\"anomalylab-figure\"").Count;
        AssertRendered(await RenderAsync(html), figures);
    }
}
