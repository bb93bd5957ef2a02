using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using System.Collections.Concurrent;
using Plotly.NET;

namespace AnomalyLab.Plots;

/// <summary>
/// A Plotly.NET chart as an HTML fragment (a <c>div</c> and the script that draws it). Where the page already carries
/// plotly.js (reports, the runner's HTML) fragments hold only the figure; in the .NET Interactive kernel the first
/// figure of the session carries the library inline, so outputs work offline there too.
/// </summary>
public static class PlotlyFigureHtml
{
    private static readonly AsyncLocal<bool> PageHasLibrary = new();
    private static int libraryShownInSession;

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
    public static string Fragment(GenericChart chart)
    {
        string id = "anomalylab-figure-" + Guid.NewGuid().ToString("N")[..12];
        // "</" inside a script element must not appear; "<\/" is the same JSON string.
        string figure = FigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        string library = !PageHasLibrary.Value && Interlocked.Exchange(ref libraryShownInSession, 1) == 0 ? PlotlyJs.ScriptElement : "";
        return library +
               $"<div id=\"{id}\" class=\"{FigureClass}\"></div>" +
               "<script type=\"text/javascript\">(function () {" +
               $"var figure = {figure};" +
               $"Plotly.newPlot('{id}', figure.data, figure.layout, Object.assign({{ responsive: true }}, figure.config || {{}}));" +
               "})();</script>";
    }

    /// <summary>
    /// The chart's figure JSON, as <c>GenericChart.toFigureJson</c> writes it. Serialising the layout template (Plotly.NET's
    /// default theme, deep-copied into every chart) costs ~150 ms per figure through Plotly.NET's dynamic objects, more than a
    /// 40,000-cell heatmap; so each distinct template (structural equality, ~2 ms to hash) is serialised once per process and
    /// spliced into the layout. The output is byte-identical to <c>toFigureJson</c> (tested).
    /// </summary>
    internal static string FigureJson(GenericChart chart)
    {
        Figure figure = GenericChart.toFigure(chart);
        if (figure.Layout.TryGetPropertyValue("template") is not { Value: { } template }) return GenericChart.toFigureJson(chart);
        if (Templates.Count > MaxTemplates) Templates.Clear();
        string templateJson = Templates.GetOrAdd(template, t => JsonConvert.SerializeObject(t));
        figure.Layout.RemoveProperty("template");
        try
        {
            figure.Layout.SetProperty("template", new JRaw(templateJson));
            return GenericChart.toFigureJson(chart);
        }
        finally
        {
            figure.Layout.SetProperty("template", template);
        }
    }

    private const int MaxTemplates = 16;
    private static readonly ConcurrentDictionary<object, string> Templates = new();

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
