using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AnomalyLab.Plots;

/// <summary>
/// The subset of CommonMark/GFM that notebook prose uses, to HTML: ATX headings (with anchor ids for a table of
/// contents), paragraphs, bullet and numbered lists (nested by indentation), fenced code, block quotes, rules, pipe
/// tables, and inline code, <c>**strong**</c>, <c>*emphasis*</c>, links and images. Text is HTML-escaped; raw HTML is not passed through.
/// Hand-written because no Markdown package is available offline; the subset is what the notebooks need.
/// </summary>
public sealed partial class MarkdownConverter
{
    private readonly HashSet<string> usedIds = new(StringComparer.Ordinal);
    private readonly List<HtmlPage.TocEntry> headings = [];

    /// <summary>Headings converted so far (across calls, so one converter serves a whole page with unique ids).</summary>
    public IReadOnlyList<HtmlPage.TocEntry> Headings => headings;

    /// <summary>Converts one Markdown text to HTML with a fresh converter.</summary>
    public static string ToHtml(string markdown) => new MarkdownConverter().Convert(markdown);

    /// <summary>Converts <paramref name="markdown"/> to an HTML fragment.</summary>
    public string Convert(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var html = new StringBuilder();
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (line.Trim().Length == 0)
            {
                i++;
                continue;
            }
            if (Fence().Match(line) is { Success: true } fence)
            {
                i = CodeBlock(lines, i, fence, html);
                continue;
            }
            if (Heading().Match(line) is { Success: true } heading)
            {
                AppendHeading(heading.Groups[1].Value.Length, ClosingHashes().Replace(heading.Groups[2].Value.Trim(), ""), html);
                i++;
                continue;
            }
            if (Rule().IsMatch(line))
            {
                html.Append("<hr>\n");
                i++;
                continue;
            }
            if (line.TrimStart().StartsWith('>'))
            {
                var quoted = new List<string>();
                while (i < lines.Length && lines[i].TrimStart().StartsWith('>'))
                {
                    string inner = lines[i].TrimStart()[1..];
                    quoted.Add(inner.StartsWith(' ') ? inner[1..] : inner);
                    i++;
                }
                var nested = new MarkdownConverter();
                html.Append("<blockquote>\n").Append(nested.Convert(string.Join('\n', quoted))).Append("</blockquote>\n");
                continue;
            }
            if (IsTableStart(lines, i))
            {
                i = Table(lines, i, html);
                continue;
            }
            if (ListItem().IsMatch(line))
            {
                i = List(lines, i, html);
                continue;
            }
            i = Paragraph(lines, i, html);
        }
        return html.ToString();
    }

    /// <summary>Inline Markdown (code, strong, emphasis, links, images) of one line of text to HTML.</summary>
    public static string Inline(string text)
    {
        var html = new StringBuilder();
        int position = 0;
        foreach (Match code in InlineCode().Matches(text))
        {
            html.Append(InlineWithoutCode(text[position..code.Index]));
            html.Append("<code>").Append(WebUtility.HtmlEncode(code.Groups[2].Value.Trim())).Append("</code>");
            position = code.Index + code.Length;
        }
        html.Append(InlineWithoutCode(text[position..]));
        return html.ToString();
    }

    private static string InlineWithoutCode(string text)
    {
        string html = WebUtility.HtmlEncode(text);
        html = Image().Replace(html, match => $"<img alt=\"{match.Groups[1].Value}\" src=\"{SafeUrl(match.Groups[2].Value)}\">");
        html = Link().Replace(html, match => $"<a href=\"{SafeUrl(match.Groups[2].Value)}\">{match.Groups[1].Value}</a>");
        html = Strong().Replace(html, "<strong>$2</strong>");
        html = Emphasis().Replace(html, "<em>$2</em>");
        return html;
    }

    // Already HTML-encoded by the caller; only script URLs are refused.
    private static string SafeUrl(string url) => url.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) ? "#" : url;

    private void AppendHeading(int level, string text, StringBuilder html)
    {
        string id = UniqueId(text);
        headings.Add(new HtmlPage.TocEntry(id, PlainText(text), level));
        html.Append($"<h{level} id=\"{id}\">{Inline(text)}</h{level}>\n");
    }

    private static string PlainText(string text) => InlineCode().Replace(Strong().Replace(Emphasis().Replace(Link().Replace(text, "$1"), "$2"), "$2"), "$2");

    private string UniqueId(string text)
    {
        string slug = NonSlug().Replace(PlainText(text).ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0) slug = "section";
        string id = slug;
        for (int n = 2; !usedIds.Add(id); n++) id = $"{slug}-{n}";
        return id;
    }

    private static int CodeBlock(string[] lines, int start, Match fence, StringBuilder html)
    {
        string marker = fence.Groups[1].Value;
        string language = fence.Groups[2].Value.Trim();
        var body = new List<string>();
        int i = start + 1;
        while (i < lines.Length && !lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal)) body.Add(lines[i++]);
        string languageClass = language.Length > 0 ? $" class=\"language-{WebUtility.HtmlEncode(language)}\"" : "";
        html.Append($"<pre><code{languageClass}>").Append(WebUtility.HtmlEncode(string.Join('\n', body))).Append("</code></pre>\n");
        return Math.Min(i + 1, lines.Length);
    }

    private static bool IsTableStart(string[] lines, int i) =>
        lines[i].Contains('|') && i + 1 < lines.Length && TableSeparator().IsMatch(lines[i + 1]);

    private static int Table(string[] lines, int start, StringBuilder html)
    {
        string[] header = TableCells(lines[start]);
        string[] alignments = TableCells(lines[start + 1]).Select(cell =>
            cell.StartsWith(':') && cell.EndsWith(':') ? "center" : cell.EndsWith(':') ? "right" : cell.StartsWith(':') ? "left" : "").ToArray();
        string Style(int column) => column < alignments.Length && alignments[column].Length > 0 ? $" style=\"text-align:{alignments[column]}\"" : "";
        html.Append("<table>\n<thead><tr>");
        for (int c = 0; c < header.Length; c++) html.Append($"<th{Style(c)}>{Inline(header[c])}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        int i = start + 2;
        for (; i < lines.Length && lines[i].Contains('|') && lines[i].Trim().Length > 0; i++)
        {
            string[] cells = TableCells(lines[i]);
            html.Append("<tr>");
            for (int c = 0; c < header.Length; c++) html.Append($"<td{Style(c)}>{(c < cells.Length ? Inline(cells[c]) : "")}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        return i;
    }

    private static string[] TableCells(string line)
    {
        string trimmed = line.Trim();
        if (trimmed.StartsWith('|')) trimmed = trimmed[1..];
        if (trimmed.EndsWith('|') && !trimmed.EndsWith("\\|", StringComparison.Ordinal)) trimmed = trimmed[..^1];
        return EscapedPipeSplit().Split(trimmed).Select(cell => cell.Replace("\\|", "|").Trim()).ToArray();
    }

    private static int List(string[] lines, int start, StringBuilder html)
    {
        int i = start;
        ListLevel(lines, ref i, Indent(lines[start]), html);
        return i;
    }

    private static void ListLevel(string[] lines, ref int i, int indent, StringBuilder html)
    {
        bool ordered = char.IsDigit(lines[i].TrimStart()[0]);
        html.Append(ordered ? "<ol>\n" : "<ul>\n");
        while (i < lines.Length)
        {
            Match item = ListItem().Match(lines[i]);
            if (!item.Success || Indent(lines[i]) < indent) break;
            bool itemOrdered = char.IsDigit(item.Groups[2].Value[0]);
            if (Indent(lines[i]) == indent && itemOrdered != ordered) break;
            if (Indent(lines[i]) > indent)
            {
                // A nested list belongs to the previous item: reopen it.
                html.Length -= "</li>\n".Length;
                html.Append('\n');
                ListLevel(lines, ref i, Indent(lines[i]), html);
                html.Append("</li>\n");
                continue;
            }
            var text = new StringBuilder(item.Groups[3].Value.Trim());
            i++;
            // Lazy continuation lines (indented, not a new item, not blank) extend the item.
            while (i < lines.Length && lines[i].Trim().Length > 0 && !ListItem().IsMatch(lines[i]) && Indent(lines[i]) > indent)
                text.Append(' ').Append(lines[i++].Trim());
            html.Append("<li>").Append(Inline(text.ToString())).Append("</li>\n");
            // A blank line between items keeps the list going only if another item follows at this level.
            if (i + 1 < lines.Length && lines[i].Trim().Length == 0 && ListItem().IsMatch(lines[i + 1]) && Indent(lines[i + 1]) >= indent) i++;
        }
        html.Append(ordered ? "</ol>\n" : "</ul>\n");
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static int Paragraph(string[] lines, int start, StringBuilder html)
    {
        var text = new List<string>();
        int i = start;
        while (i < lines.Length && lines[i].Trim().Length > 0 && !Heading().IsMatch(lines[i]) && !Fence().IsMatch(lines[i])
               && !(text.Count > 0 && ListItem().IsMatch(lines[i])) && !lines[i].TrimStart().StartsWith('>') && !IsTableStart(lines, i))
        {
            text.Add(lines[i].Trim());
            i++;
        }
        html.Append("<p>").Append(string.Join("\n", text.Select(Inline))).Append("</p>\n");
        return i;
    }

    [GeneratedRegex(@"(^|\s+)#+\s*$")]
    private static partial Regex ClosingHashes();

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(```+|~~~+)\s*([\w+#.-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^(\s*)([-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex EscapedPipeSplit();

    [GeneratedRegex(@"(`+)(.+?)\1")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)\s]+)\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])(\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonSlug();
}
