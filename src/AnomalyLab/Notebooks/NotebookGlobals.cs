using Microsoft.DotNet.Interactive.Formatting;

namespace AnomalyLab.Notebooks;

/// <summary>
/// What every cell sees besides its own variables when run by <see cref="NotebookRunner"/> — the subset of the
/// .NET Interactive kernel's globals that notebooks use: <c>display(value)</c>.
/// </summary>
public sealed class NotebookGlobals
{
    internal NotebookGlobals(IReadOnlyDictionary<string, string> parameters)
    {
        Parameters = parameters;
    }

    internal CellOutputCollector? CurrentCell { get; set; }

    /// <summary>The <c>--param key=value</c> overrides of this run (also applied to the cell tagged <c>parameters</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>
    /// Shows <paramref name="value"/> below the cell, as the kernel's <c>display</c>: a <c>text/html</c> + <c>text/plain</c>
    /// bundle from the registered formatters (<see cref="HtmlFormatters"/>), or only the given mime types.
    /// </summary>
    // Lower-case on purpose: notebooks must compile unchanged in the real kernel, whose global is called display.
#pragma warning disable IDE1006
    public void display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var collector = CurrentCell ?? throw new InvalidOperationException("display(...) was called outside a running notebook cell.");
        collector.Add(new DisplayDataOutput(MimeBundle.Of(value, mimeTypes)));
    }
}
