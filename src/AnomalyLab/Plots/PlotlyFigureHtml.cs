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

    /// <summary>CSS class of the figure container.</summary>
    public const string FigureClass = "anomalylab-figure";

    /// <summary>The fragment for <paramref name="chart"/>: <c>&lt;div class="anomalylab-figure"&gt;</c> plus a script calling <c>Plotly.newPlot</c>.</summary>
    public static string Fragment(GenericChart chart)
    {
        string id = "anomalylab-figure-" + Guid.NewGuid().ToString("N")[..12];
        // "</" inside a script element must not appear; "<\/" is the same JSON string.
        string figure = GenericChart.toFigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        string library = !PageHasLibrary.Value && Interlocked.Exchange(ref libraryShownInSession, 1) == 0 ? PlotlyJs.ScriptElement : "";
        return library +
               $"<div id=\"{id}\" class=\"{FigureClass}\"></div>" +
               "<script type=\"text/javascript\">(function () {" +
               $"var figure = {figure};" +
               $"Plotly.newPlot('{id}', figure.data, figure.layout, Object.assign({{ responsive: true }}, figure.config || {{}}));" +
               "})();</script>";
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
