using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace AnomalyLab.Notebooks;

/// <summary>
/// The one-line way for any part of the workbench to make its result type render richly — in the runner and in the
/// .NET Interactive kernel alike: <c>HtmlFormatters.Register&lt;MyResult&gt;(r =&gt; ...html...)</c>, or
/// <see cref="RegisterChart{T}"/> to show a type as a Plotly figure. Both register a <c>text/html</c> formatter with
/// Microsoft.DotNet.Interactive.Formatting and make <c>text/html</c> the preferred mime type of the type.
/// Call them from a static registration method that <see cref="NotebookFormatters.Register"/> invokes (add one line there).
/// </summary>
public static class HtmlFormatters
{
    /// <summary>
    /// Shows values of <typeparamref name="T"/> as the HTML that <paramref name="toHtml"/> returns; <paramref name="toPlainText"/>
    /// (default: the type's <c>ToString()</c>) gives the <c>text/plain</c> alternative.
    /// </summary>
    public static void Register<T>(Func<T, string> toHtml, Func<T, string>? toPlainText = null)
    {
        Formatter.Register<T>(toHtml, "text/html");
        Formatter.Register<T>(toPlainText ?? (value => value?.ToString() ?? ""), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(T), "text/html");
    }

    /// <summary>Shows values of <typeparamref name="T"/> as the Plotly figure <paramref name="toChart"/> builds.</summary>
    public static void RegisterChart<T>(Func<T, GenericChart> toChart, Func<T, string>? toPlainText = null) =>
        Register<T>(value => Plots.PlotlyFigureHtml.Fragment(toChart(value)), toPlainText);
}
