namespace AnomalyLab.Data;

/// <summary>A dataset folder does not look like the expected layout; the message names the folder and what was expected vs found.</summary>
public sealed class DatasetLayoutException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public DatasetLayoutException(string path, string problem)
        : base($"{path}: {problem}")
    {
        FolderPath = path;
        Problem = problem;
    }

    /// <summary>The folder (or file) at fault.</summary>
    public string FolderPath { get; }

    /// <summary>What was wrong, without the path.</summary>
    public string Problem { get; }
}
