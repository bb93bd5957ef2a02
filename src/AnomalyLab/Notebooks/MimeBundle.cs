using Microsoft.DotNet.Interactive.Formatting;

namespace AnomalyLab.Notebooks;

/// <summary>Formats a value the way the .NET Interactive kernel does: one string per mime type, from the registered formatters.</summary>
public static class MimeBundle
{
    /// <summary>The default mime types of an output: <c>text/html</c> and <c>text/plain</c>.</summary>
    public static IReadOnlyList<string> DefaultMimeTypes { get; } = ["text/html", "text/plain"];

    /// <summary>
    /// mime type → formatted <paramref name="value"/>, for <paramref name="mimeTypes"/> (default <see cref="DefaultMimeTypes"/>).
    /// Calls <see cref="NotebookFormatters.Register"/> first so the workbench's formatters are in place.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(object? value, params string[] mimeTypes)
    {
        NotebookFormatters.Register();
        IEnumerable<string> types = mimeTypes.Length > 0 ? mimeTypes : DefaultMimeTypes;
        var bundle = new Dictionary<string, string>();
        foreach (string mime in types) bundle[mime] = value is null ? "<null>" : Formatter.ToDisplayString(value, mime);
        return bundle;
    }
}
