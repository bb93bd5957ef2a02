namespace AnomalyLab.Audio;

/// <summary>A WAV file that cannot be decoded: the message names the file and what was expected versus found.</summary>
public sealed class WavFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public WavFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that failed to decode.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the path.</summary>
    public string Problem { get; }
}
