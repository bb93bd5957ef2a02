using System.Net;
using System.Text;
using AnomalyLab.IO;
using Plotly.NET;

namespace AnomalyLab.Plots;

/// <summary>
/// A standalone HTML report: a title, a table of contents, and sections of markdown text, Plotly figures and HTML
/// tables in the order added. plotly.js is inlined once in the head, so the page opens offline; no external resources.
/// </summary>
/// <example><code>
/// new HtmlReport("Preset comparison")
///     .AddMarkdown("Question", "Do the presets differ below 100 Hz?")
///     .AddFigure("Difference", SpectrogramPlots.Difference(a, b))
///     .AddTable("Summary", table)
///     .Write("report/presets.html");
/// </code></example>
public sealed class HtmlReport(string title)
{
    private readonly List<Section> sections = [];
    private readonly PlotlyPage page = new();

    private sealed record Section(string? Heading, string Content, bool IsMarkdown);

    /// <summary>Page title (also the top heading).</summary>
    public string Title { get; } = title;

    /// <summary>Number of figures added (each becomes one plot on the page).</summary>
    public int FigureCount { get; private set; }

    /// <summary>A section of Markdown prose (rendered with <see cref="MarkdownConverter"/>); headings inside it join the contents.</summary>
    public HtmlReport AddMarkdown(string? heading, string markdown)
    {
        sections.Add(new Section(heading, markdown, IsMarkdown: true));
        return this;
    }

    /// <summary>A section with one interactive figure.</summary>
    public HtmlReport AddFigure(string? heading, GenericChart chart)
    {
        sections.Add(new Section(heading, PlotlyFigureHtml.Fragment(chart, page), IsMarkdown: false));
        FigureCount++;
        return this;
    }

    /// <summary>A section with a results table.</summary>
    public HtmlReport AddTable(string? heading, TableFigure table) => AddHtml(heading, table.ToHtml());

    /// <summary>A section of trusted HTML (inserted as is).</summary>
    public HtmlReport AddHtml(string? heading, string html)
    {
        sections.Add(new Section(heading, html, IsMarkdown: false));
        return this;
    }

    /// <summary>The complete page.</summary>
    public string ToHtml()
    {
        var markdown = new MarkdownConverter();
        var body = new StringBuilder();
        foreach ((string? heading, string content, bool isMarkdown) in sections)
        {
            body.Append("<section>\n");
            // Section headings go through the converter too, so they get unique ids and appear in the contents.
            if (heading != null) body.Append(markdown.Convert("## " + heading.Replace('\n', ' ')));
            body.Append(isMarkdown ? markdown.Convert(content) : content).Append("\n</section>\n");
        }
        return HtmlPage.Render(Title, markdown.Headings, body.ToString());
    }

    /// <summary>Writes the page atomically (creating the folder) and returns its full path.</summary>
    public string Write(string path)
    {
        AtomicFile.WriteAllText(path, ToHtml());
        return Path.GetFullPath(path);
    }

    /// <summary>Title, section count and figure count.</summary>
    public override string ToString() => $"HtmlReport '{WebUtility.HtmlEncode(Title)}': {sections.Count} sections, {FigureCount} figures";
}
