namespace AnomalyLab.Notebooks;

/// <summary>What a notebook cell holds, after <c>#!csharp</c> / <c>#!markdown</c> magics and Polyglot metadata are taken into account.</summary>
public enum NotebookCellKind
{
    /// <summary>C# code run by the .NET Interactive C# kernel (or the headless runner).</summary>
    Code,

    /// <summary>Markdown prose.</summary>
    Markdown,

    /// <summary>Raw text, neither run nor rendered.</summary>
    Raw,
}
