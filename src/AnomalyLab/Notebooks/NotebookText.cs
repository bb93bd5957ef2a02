using System.Text.Json.Nodes;

namespace AnomalyLab.Notebooks;

/// <summary>nbformat multi-line strings: stored either as one string or as an array of lines that keep their <c>\n</c>.</summary>
internal static class NotebookText
{
    /// <summary>Joins a string or an array of strings into one text.</summary>
    public static string Join(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    /// <summary>Splits a text into Jupyter's line array (every line but the last keeps its trailing <c>\n</c>).</summary>
    public static JsonArray Split(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length - 1;
            lines.Add(text.Substring(start, end - start + 1));
            start = end + 1;
        }
        return lines;
    }
}
