using AnomalyLab.Plots;

namespace AnomalyLab.Tests.Plots;

public sealed class MarkdownConverterTests
{
    [Fact]
    public void Headings_get_unique_ids_and_feed_the_contents()
    {
        var converter = new MarkdownConverter();
        string html = converter.Convert("# Getting started\n## Data\n## Data");
        Assert.Contains("<h1 id=\"getting-started\">Getting started</h1>", html);
        Assert.Contains("<h2 id=\"data\">Data</h2>", html);
        Assert.Contains("<h2 id=\"data-2\">Data</h2>", html);
        Assert.Equal(["getting-started", "data", "data-2"], converter.Headings.Select(h => h.Id));
        Assert.Equal([1, 2, 2], converter.Headings.Select(h => h.Level));
    }

    [Fact]
    public void Paragraphs_and_inline_markup()
    {
        string html = MarkdownConverter.ToHtml("Some **bold**, *em* and `a < b` with [a link](https://example.org).\nSame paragraph.\n\nNext one.");
        Assert.Contains("<p>Some <strong>bold</strong>, <em>em</em> and <code>a &lt; b</code> with <a href=\"https://example.org\">a link</a>.\nSame paragraph.</p>", html);
        Assert.Contains("<p>Next one.</p>", html);
    }

    [Fact]
    public void Snake_case_words_are_not_emphasis()
    {
        Assert.Contains("top_db and n_mels", MarkdownConverter.ToHtml("top_db and n_mels"));
    }

    [Fact]
    public void Lists_nested_and_ordered()
    {
        string html = MarkdownConverter.ToHtml("- one\n- two\n  - two a\n- three\n\n1. first\n2. second");
        Assert.Equal("<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>two a</li>\n</ul>\n</li>\n<li>three</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n", html);
    }

    [Fact]
    public void Fenced_code_is_escaped_and_not_interpreted()
    {
        string html = MarkdownConverter.ToHtml("```csharp\nvar x = a < b && *p*;\n# not a heading\n```");
        Assert.Equal("<pre><code class=\"language-csharp\">var x = a &lt; b &amp;&amp; *p*;\n# not a heading</code></pre>\n", html);
    }

    [Fact]
    public void Pipe_tables_with_alignment()
    {
        string html = MarkdownConverter.ToHtml("| preset | AUC |\n|:--|--:|\n| torchaudio | 0.81 |\n| `baseline` | 0.79 |");
        Assert.Contains("<thead><tr><th style=\"text-align:left\">preset</th><th style=\"text-align:right\">AUC</th></tr></thead>", html);
        Assert.Contains("<tr><td style=\"text-align:left\"><code>baseline</code></td><td style=\"text-align:right\">0.79</td></tr>", html);
    }

    [Fact]
    public void Raw_html_and_script_urls_are_neutralised()
    {
        string html = MarkdownConverter.ToHtml("<script>alert(1)</script> [x](javascript:alert(1))");
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<a href=\"#\">x</a>", html);
    }

    [Fact]
    public void Quotes_and_rules()
    {
        Assert.Equal("<blockquote>\n<p>quoted <em>text</em></p>\n</blockquote>\n<hr>\n", MarkdownConverter.ToHtml("> quoted *text*\n\n---"));
    }
}
