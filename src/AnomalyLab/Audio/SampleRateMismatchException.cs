namespace AnomalyLab.Audio;

/// <summary>
/// A file whose sample rate is not the one asked for, when resampling was not allowed. The message names no switch: library
/// callers pass <c>allowResample: true</c> (AudioLoader.LoadMono, LogMelExtractor.ExtractFile), the CLI adds the hint that fits
/// the command (its <c>--resample</c> flag, or how to convert the files when it has none).
/// </summary>
public sealed class SampleRateMismatchException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public SampleRateMismatchException(string path, int foundRate, int expectedRate)
        : this(path, foundRate, expectedRate, $"{path}: sample rate is {foundRate} Hz, {expectedRate} Hz expected, and resampling was not asked for.")
    {
    }

    /// <summary>Creates the exception with its own <paramref name="message"/> (which must name <paramref name="path"/>), e.g. for a folder of mixed rates.</summary>
    public SampleRateMismatchException(string path, int foundRate, int expectedRate, string message)
        : base(message)
    {
        FilePath = path;
        FoundRate = foundRate;
        ExpectedRate = expectedRate;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The file's sample rate, Hz.</summary>
    public int FoundRate { get; }

    /// <summary>The rate that was asked for, Hz.</summary>
    public int ExpectedRate { get; }
}
