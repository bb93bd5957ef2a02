namespace AnomalyLab.IO;

/// <summary>
/// An output path that <see cref="OutputPaths"/> will not write: it is one of the command's inputs, a folder holding
/// files we did not write, a link to replace, or of the wrong kind. Thrown before anything is computed or written.
/// </summary>
public sealed class OutputRefusedException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>; the message is "<c>path: problem</c>".</summary>
    public OutputRefusedException(string path, string problem)
        : base($"{path}: {problem}")
    {
        OutputPath = path;
        Problem = problem;
    }

    /// <summary>The refused output path.</summary>
    public string OutputPath { get; }

    /// <summary>Why, without the path.</summary>
    public string Problem { get; }
}
