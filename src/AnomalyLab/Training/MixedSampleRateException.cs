namespace AnomalyLab.Training;

/// <summary>A training folder whose files have different sample rates while resampling was not requested.</summary>
public sealed class MixedSampleRateException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>, which differs from <paramref name="firstPath"/>.</summary>
    public MixedSampleRateException(string path, int foundRate, string firstPath, int expectedRate)
        : base($"{path}: sample rate is {foundRate} Hz but {Path.GetFileName(firstPath)} (the first file) is {expectedRate} Hz; " +
               "training at the files' rate needs one rate — resample all files to one rate instead (--resample RATE / TargetSampleRate).")
    {
        FilePath = path;
        FoundRate = foundRate;
        ExpectedRate = expectedRate;
    }

    /// <summary>The file with the other rate.</summary>
    public string FilePath { get; }

    /// <summary>Its rate, Hz.</summary>
    public int FoundRate { get; }

    /// <summary>The first file's rate, Hz.</summary>
    public int ExpectedRate { get; }
}
