using System.Net;
using System.Text;

namespace AnomalyLab.Plots;

/// <summary>
/// The shell of every standalone page the workbench writes (reports, executed notebooks): one inlined plotly.js in the
/// head, a small stylesheet, a title and an optional table of contents. No external resources, so pages open offline.
/// </summary>
public static class HtmlPage
{
    /// <summary>One table-of-contents line: anchor id, heading text, depth (1 = top).</summary>
    public sealed record TocEntry(string Id, string Text, int Level);

    /// <summary>Stylesheet shared by reports and notebook pages.</summary>
    public const string Stylesheet = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1f2933; line-height: 1.5; }
        h1, h2, h3, h4 { line-height: 1.25; }
        nav.toc { background: #f5f7fa; border: 1px solid #d9e2ec; padding: 0.5em 1.5em; margin-bottom: 2em; }
        nav.toc ul { padding-left: 1.2em; margin: 0.3em 0; }
        pre { background: #f5f7fa; padding: 0.75em; overflow-x: auto; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 0.92em; }
        table { border-collapse: collapse; margin: 0.5em 0; display: block; max-width: 100%; overflow-x: auto; }
        caption { text-align: left; }
        th, td { border: 1px solid #d9e2ec; padding: 0.25em 0.6em; text-align: right; white-space: nowrap; }
        th { background: #f0f4f8; }
        .cell { margin: 1em 0; }
        .cell-input pre { border-left: 3px solid #9fb3c8; }
        .cell-output { margin-left: 0.5em; max-width: 100%; overflow-x: auto; }
        section, .cell { max-width: 100%; overflow-x: auto; }
        .cell-output pre.stream { background: #fff; border: 1px dashed #d9e2ec; }
        .cell-output pre.error { background: #fff5f5; color: #9b1c1c; border: 1px solid #f8b4b4; }
        .anomalylab-figure { width: 100%; min-height: 300px; }
        """;

    /// <summary>
    /// A complete page: head with the stylesheet and plotly.js (once), then the title as a heading (unless
    /// <paramref name="bodyHasTitle"/>: the body starts with its own), contents and <paramref name="body"/>.
    /// </summary>
    public static string Render(string title, IReadOnlyList<TocEntry> contents, string body, bool bodyHasTitle = false)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{WebUtility.HtmlEncode(title)}</title>\n<style>\n{Stylesheet}\n</style>\n");
        html.Append(PlotlyJs.ScriptElement).Append("\n</head>\n<body>\n");
        if (!bodyHasTitle) html.Append($"<h1 class=\"page-title\">{WebUtility.HtmlEncode(title)}</h1>\n");
        if (contents.Count > 0)
        {
            html.Append("<nav class=\"toc\"><strong>Contents</strong>\n<ul>\n");
            foreach (TocEntry entry in contents)
                html.Append($"<li style=\"margin-left:{(entry.Level - 1) * 1.2:0.0}em\"><a href=\"#{entry.Id}\">{WebUtility.HtmlEncode(entry.Text)}</a></li>\n");
            html.Append("</ul></nav>\n");
        }
        html.Append(body).Append("\n</body>\n</html>\n");
        return html.ToString();
    }
}
