namespace AnomalyLab.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>
    /// <c>--param key=value</c> overrides. After the cell tagged <c>parameters</c> runs, each variable of that name is set
    /// to the value converted to its declared type. Keys no cell declares are reported in <see cref="NotebookRunResult.UnusedParameters"/>.
    /// Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Called before each cell runs with (1-based cell number, number of cells, cell). Default: nothing.</summary>
    public Action<int, int, NotebookCell>? CellStarting { get; init; }

    /// <summary>Default options: no parameters, no progress.</summary>
    public static NotebookRunOptions Default { get; } = new();
}
