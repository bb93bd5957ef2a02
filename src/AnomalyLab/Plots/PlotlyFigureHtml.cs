using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Plotly.NET;

namespace AnomalyLab.Plots;

/// <summary>
/// A Plotly.NET chart as an HTML fragment (a <c>div</c> and the script that draws it). Where the page already carries
/// plotly.js (reports, the runner's HTML) fragments hold only the figure; in the .NET Interactive kernel the first
/// figure of the session carries the library inline, so outputs work offline there too.
/// </summary>
/// <remarks>
/// Fragments are compact: a heatmap of at least <see cref="PackMinimumCells"/> cells travels as 8-bit codes (<see cref="PackLevels"/>
/// levels between its minimum and maximum, integer maps of fewer levels exactly), zlib-compressed and base64-encoded, and the page decodes it
/// with the browser's <c>DecompressionStream</c> before <c>Plotly.newPlot</c> — finer than a colour scale shows; hover values
/// are exact to half a step (range / 252). A 128 × 313 dB map drops from ~200 kB of decimal text to ~30 kB.
/// The chart itself is not changed: Plotly.NET's own HTML export still writes plain numbers.
/// </remarks>
public static class PlotlyFigureHtml
{
    private static readonly AsyncLocal<bool> PageHasLibrary = new();
    private static int libraryShownInSession;

    /// <summary>Heatmaps with at least this many cells are packed (smaller ones stay plain JSON).</summary>
    public const int PackMinimumCells = 1024;

    /// <summary>
    /// Levels of a packed heatmap between its minimum and maximum (codes 0 … 126; 255 = NaN). A colour scale shows fewer
    /// distinguishable colours than this; 127 rather than 255 levels makes the compressed default study report 15 % smaller.
    /// </summary>
    public const int PackLevels = 127;

    /// <summary>While the returned scope lives (on this async flow), fragments never include plotly.js.</summary>
    public static IDisposable PageProvidesLibrary()
    {
        bool previous = PageHasLibrary.Value;
        PageHasLibrary.Value = true;
        return new Scope(() => PageHasLibrary.Value = previous);
    }

    /// <summary>Starts a new session: the next fragment outside a page carries plotly.js again (tests; a process-wide flag otherwise).</summary>
    internal static void StartNewSession() => Interlocked.Exchange(ref libraryShownInSession, 0);

    /// <summary>CSS class of the figure container.</summary>
    public const string FigureClass = "anomalylab-figure";

    /// <summary>The fragment for <paramref name="chart"/>: <c>&lt;div class="anomalylab-figure"&gt;</c> plus a script calling <c>Plotly.newPlot</c>.</summary>
    public static string Fragment(GenericChart chart) => Fragment(chart, page: null);

    /// <summary>
    /// The fragment, with the layout template shared through <paramref name="page"/> when given: each distinct template is
    /// written once per page (in the first fragment that uses it) instead of ~9 kB in every figure.
    /// </summary>
    internal static string Fragment(GenericChart chart, PlotlyPage? page)
    {
        string id = "anomalylab-figure-" + Guid.NewGuid().ToString("N")[..12];
        (string json, bool packed, string? templateKey, string? templateDefinition) = CompactFigureJson(chart, page);
        // "</" inside a script element must not appear; "<\/" is the same JSON string.
        string figure = json.Replace("</", "<\\/", StringComparison.Ordinal);
        string library = page is null && !PageHasLibrary.Value && Interlocked.Exchange(ref libraryShownInSession, 1) == 0 ? PlotlyJs.ScriptElement : "";
        var html = new StringBuilder(library);
        if (templateDefinition is not null)
            html.Append("<script type=\"text/javascript\">(window.anomalylabTemplates = window.anomalylabTemplates || {})['")
                .Append(templateKey).Append("'] = ").Append(templateDefinition.Replace("</", "<\\/", StringComparison.Ordinal)).Append(";</script>");
        html.Append($"<div id=\"{id}\" class=\"{FigureClass}\"></div>");
        html.Append("<script type=\"text/javascript\">");
        if (packed && (page is null || page.FirstUse("anomalylabUnpack"))) html.Append(UnpackScript);
        html.Append(packed ? "(async function () {" : "(function () {");
        html.Append("var figure = ").Append(figure).Append(';');
        if (templateKey is not null) html.Append("figure.layout.template = window.anomalylabTemplates['").Append(templateKey).Append("'];");
        if (packed) html.Append("await window.anomalylabUnpack(figure);");
        html.Append($"Plotly.newPlot('{id}', figure.data, figure.layout, Object.assign({{ responsive: true }}, figure.config || {{}}));");
        html.Append("})();</script>");
        return html.ToString();
    }

    /// <summary>
    /// Defines <c>window.anomalylabUnpack(figure)</c> once: every trace whose <c>z</c> is a packed grid gets a plain 2-D array of
    /// numbers back (code · step + low, NaN for code 255), rounded to the step's precision.
    /// </summary>
    internal const string UnpackScript = """
        window.anomalylabUnpack = window.anomalylabUnpack || async function (figure) {
          for (const trace of figure.data || []) {
            const z = trace.z;
            if (!z || z.anomalylabPacked !== 'u1-zlib-base64') continue;
            const bytes = Uint8Array.from(atob(z.data), c => c.charCodeAt(0));
            const codes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
            const rows = z.shape[0], cols = z.shape[1], scale = Math.pow(10, z.digits), out = new Array(rows);
            for (let r = 0; r < rows; r++) {
              const row = new Array(cols);
              for (let c = 0; c < cols; c++) {
                const k = codes[r * cols + c];
                row[c] = k === 255 ? NaN : Math.round((z.low + k * z.step) * scale) / scale;
              }
              out[r] = row;
            }
            trace.z = out;
          }
        };
        """;

    /// <summary>
    /// The chart's figure JSON, as <c>GenericChart.toFigureJson</c> writes it. Serialising the layout template (Plotly.NET's
    /// default theme, deep-copied into every chart) costs ~150 ms per figure through Plotly.NET's dynamic objects, more than a
    /// 40,000-cell heatmap; so each distinct template (structural equality, ~2 ms to hash) is serialised once per process and
    /// spliced into the layout. The output is byte-identical to <c>toFigureJson</c> (tested).
    /// </summary>
    internal static string FigureJson(GenericChart chart) => CompactFigureJson(chart, page: null, pack: false).Json;

    /// <summary>
    /// The figure JSON with large heatmaps packed (<paramref name="pack"/>) and, with a <paramref name="page"/>, the template
    /// left out (<c>null</c>) and returned as a key plus its JSON when this is the page's first use of it.
    /// </summary>
    internal static (string Json, bool Packed, string? TemplateKey, string? TemplateDefinition) CompactFigureJson(GenericChart chart, PlotlyPage? page, bool pack = true)
    {
        Figure figure = GenericChart.toFigure(chart);
        var restore = new List<(DynamicObj.DynamicObj Owner, string Name, object Value)>();
        bool packed = false;
        string? templateKey = null, templateDefinition = null;
        try
        {
            if (pack)
                foreach (Trace trace in figure.Data)
                {
                    if (trace.TryGetPropertyValue("type") is not { Value: var type } || type?.ToString() != "heatmap") continue;
                    if (trace.TryGetPropertyValue("z") is not { Value: { } z } || PackedGrid(z) is not { } packedZ) continue;
                    restore.Add((trace, "z", z));
                    trace.RemoveProperty("z");
                    trace.SetProperty("z", new JRaw(packedZ));
                    packed = true;
                }
            if (figure.Layout.TryGetPropertyValue("template") is { Value: { } template })
            {
                if (Templates.Count > MaxTemplates) Templates.Clear();
                string templateJson = Templates.GetOrAdd(template, t => JsonConvert.SerializeObject(t));
                restore.Add((figure.Layout, "template", template));
                figure.Layout.RemoveProperty("template");
                if (page is null) figure.Layout.SetProperty("template", new JRaw(templateJson));
                else
                {
                    templateKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(templateJson)))[..12].ToLowerInvariant();
                    if (page.FirstUse(templateKey)) templateDefinition = templateJson;
                }
            }
            return (GenericChart.toFigureJson(chart), packed, templateKey, templateDefinition);
        }
        finally
        {
            foreach ((DynamicObj.DynamicObj owner, string name, object value) in restore)
            {
                owner.RemoveProperty(name);
                owner.SetProperty(name, value);
            }
        }
    }

    /// <summary>
    /// The packed JSON object of a rectangular numeric grid of at least <see cref="PackMinimumCells"/> cells, or null (kept as is).
    /// Codes 0 … <see cref="PackLevels"/> − 1 map linearly onto [min, max] (exactly onto integers when the grid spans fewer integer levels);
    /// 255 marks NaN. <c>digits</c> is how many decimals the step justifies.
    /// </summary>
    internal static string? PackedGrid(object z)
    {
        if (z is not IEnumerable rows || z is string) return null;
        var values = new List<double[]>();
        foreach (object? row in rows)
        {
            if (row is not IEnumerable cells || row is string) return null;
            var line = new List<double>();
            foreach (object? cell in cells)
            {
                switch (cell)
                {
                    case float f: line.Add(f); break;
                    case double d: line.Add(d); break;
                    case int i: line.Add(i); break;
                    default: return null;
                }
            }
            if (values.Count > 0 && line.Count != values[0].Length) return null;
            values.Add(line.ToArray());
        }
        int height = values.Count, width = height == 0 ? 0 : values[0].Length;
        if ((long)height * width < PackMinimumCells) return null;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        bool integers = true;
        foreach (double[] line in values)
            foreach (double v in line)
            {
                if (double.IsNaN(v)) continue;
                if (double.IsInfinity(v)) return null;
                low = Math.Min(low, v);
                high = Math.Max(high, v);
                integers &= v == Math.Floor(v);
            }
        if (!double.IsFinite(low)) (low, high) = (0, 0);
        double step = integers && high - low <= PackLevels - 1 ? 1 : high > low ? (high - low) / (PackLevels - 1) : 1;
        int digits = step >= 1 ? 0 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(step)) + 1);
        var codes = new byte[height * width];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                double v = values[r][c];
                codes[r * width + c] = double.IsNaN(v) ? (byte)255 : (byte)Math.Clamp(Math.Round((v - low) / step), 0, PackLevels - 1);
            }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(codes);
        string low16 = low.ToString("R", CultureInfo.InvariantCulture), step16 = step.ToString("R", CultureInfo.InvariantCulture);
        return $"{{\"anomalylabPacked\":\"u1-zlib-base64\",\"shape\":[{height},{width}],\"low\":{low16},\"step\":{step16},\"digits\":{digits},\"data\":\"{Convert.ToBase64String(compressed.ToArray())}\"}}";
    }

    private const int MaxTemplates = 16;
    private static readonly ConcurrentDictionary<object, string> Templates = new();

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>One HTML page's shared state for its figures: which layout templates it already defines.</summary>
internal sealed class PlotlyPage
{
    private readonly HashSet<string> _templates = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="key"/> is seen on this page (the fragment must define it).</summary>
    public bool FirstUse(string key) => _templates.Add(key);
}
