namespace AnomalyLab.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>
    /// <c>--param name=value</c> overrides, written into the declarations of the cell tagged <c>parameters</c> before it runs
    /// (see <see cref="NotebookParameters"/>). Names no declaration has are reported in <see cref="NotebookRunResult.UnusedParameters"/>.
    /// Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Longest time one cell may run before the run fails at that cell and the kernel is stopped. Default 30 minutes
    /// (the first cell restores packages; training cells on CPU take minutes).
    /// </summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest time the kernel process may take to report ready. Default 3 minutes.</summary>
    public TimeSpan KernelStartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Called before each cell runs with (1-based cell number, number of cells, cell). Default: nothing.</summary>
    public Action<int, int, NotebookCell>? CellStarting { get; init; }

    /// <summary>Default options: no parameters, no progress.</summary>
    public static NotebookRunOptions Default { get; } = new();
}
