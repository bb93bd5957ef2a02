namespace AnomalyLab.Audio;

/// <summary>A file whose sample rate is not the one asked for, when resampling was not allowed.</summary>
public sealed class SampleRateMismatchException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public SampleRateMismatchException(string path, int foundRate, int expectedRate)
        : this(path, foundRate, expectedRate, $"{path}: sample rate is {foundRate} Hz, {expectedRate} Hz expected; resampling is off by default " +
               $"(pass allowResample: true to AudioLoader.LoadMono / LogMelExtractor.ExtractFile, or change LogMelOptions.SampleRate).")
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
