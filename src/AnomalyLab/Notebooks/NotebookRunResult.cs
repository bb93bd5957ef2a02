namespace AnomalyLab.Notebooks;

/// <summary>An executed notebook: the document with outputs, and the failing cell if the run stopped early.</summary>
public sealed record NotebookRunResult(NotebookDocument Executed, NotebookCellFailure? Failure, IReadOnlyList<string> UnusedParameters)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>The cell that stopped a run: its 1-based number among all cells, its first lines and the error.</summary>
public sealed record NotebookCellFailure(string Notebook, int CellNumber, string FirstLines, string Error)
{
    /// <summary>A multi-line report: notebook, cell number, the cell's first lines (indented) and the error.</summary>
    public override string ToString() =>
        $"{Notebook}: cell {CellNumber} failed\n" + string.Join('\n', FirstLines.Split('\n').Select(line => "    | " + line)) + "\n" + Error;
}
