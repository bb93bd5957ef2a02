using System.Net;
using System.Text;
using AnomalyLab.IO;
using AnomalyLab.Plots;

namespace AnomalyLab.Notebooks;

/// <summary>
/// An executed notebook as one standalone HTML page: markdown rendered, code shown, outputs as the kernel would show
/// them (the <c>text/html</c> of each bundle, else its <c>text/plain</c>), plotly.js inlined once in the head, a table of
/// contents from the markdown headings. Opens offline.
/// </summary>
public static class NotebookHtmlExporter
{
    /// <summary>The page for <paramref name="notebook"/>.</summary>
    public static string ToHtml(NotebookDocument notebook)
    {
        var markdown = new MarkdownConverter();
        var body = new StringBuilder();
        foreach ((NotebookCell cell, int index) in notebook.Cells.Select((cell, index) => (cell, index)))
        {
            switch (cell.Kind)
            {
                case NotebookCellKind.Markdown:
                    body.Append($"<section class=\"cell markdown\" id=\"cell-{index + 1}\">\n")
                        .Append(markdown.Convert(CellMagic.WithoutFirstLineMagic(cell.Source))).Append("</section>\n");
                    break;
                case NotebookCellKind.Code:
                    body.Append($"<section class=\"cell code\" id=\"cell-{index + 1}\">\n<div class=\"cell-input\"><pre><code class=\"language-csharp\">")
                        .Append(WebUtility.HtmlEncode(cell.Source.TrimEnd())).Append("</code></pre></div>\n");
                    foreach (NotebookOutput output in cell.Outputs) body.Append("<div class=\"cell-output\">").Append(OutputHtml(output)).Append("</div>\n");
                    body.Append("</section>\n");
                    break;
                default:
                    body.Append("<pre class=\"raw\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre>\n");
                    break;
            }
        }
        // Headings are known only after the markdown is converted, and the page title is the first top heading if any.
        string title = markdown.Headings.FirstOrDefault(h => h.Level == 1)?.Text ?? notebook.Name;
        return HtmlPage.Render(title, markdown.Headings, body.ToString());
    }

    /// <summary>Writes the page atomically to <paramref name="path"/>.</summary>
    public static void Write(NotebookDocument notebook, string path) => AtomicFile.WriteAllText(path, ToHtml(notebook));

    private static string OutputHtml(NotebookOutput output) => output switch
    {
        StreamOutput stream => $"<pre class=\"stream {stream.Name}\">{WebUtility.HtmlEncode(stream.Text)}</pre>",
        DisplayDataOutput display => BundleHtml(display.Data),
        ExecuteResultOutput result => BundleHtml(result.Data),
        ErrorOutput error => $"<pre class=\"error\">{WebUtility.HtmlEncode(error.Name + ": " + error.Value + "\n" + string.Join('\n', error.Traceback))}</pre>",
        _ => "",
    };

    private static string BundleHtml(IReadOnlyDictionary<string, string> bundle)
    {
        if (bundle.TryGetValue("text/html", out string? html)) return StripLibrary(html);
        if (bundle.TryGetValue("text/plain", out string? text)) return $"<pre>{WebUtility.HtmlEncode(text)}</pre>";
        return "";
    }

    // A notebook executed in the kernel may carry plotly.js in its first figure output; the page has it already.
    private static string StripLibrary(string html)
    {
        int start = html.IndexOf(PlotlyJs.ScriptElement, StringComparison.Ordinal);
        return start < 0 ? html : html.Remove(start, PlotlyJs.ScriptElement.Length);
    }
}
