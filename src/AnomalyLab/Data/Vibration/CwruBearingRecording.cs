using System.Text.RegularExpressions;

namespace AnomalyLab.Data.Vibration;

/// <summary>Condition of the drive-end bearing in a CWRU recording.</summary>
public enum CwruFault
{
    /// <summary>Normal baseline.</summary>
    Normal,
    /// <summary>Ball fault.</summary>
    Ball,
    /// <summary>Inner-race fault.</summary>
    InnerRace,
    /// <summary>Outer-race fault, centred at 6:00.</summary>
    OuterRace,
}

/// <summary>
/// One Case Western Reserve University bearing recording (MAT v5 file) with the facts its name and the data centre's
/// documentation give: fault, fault diameter (mil), motor load (hp), record number and sampling rate.
/// Sampling rate: the "12k Drive End" fault files are 12,000 samples/s; the normal baseline files (e.g. <c>normal_0_97.mat</c>,
/// record 97) come from the data centre's "Normal Baseline Data" page, recorded at 48,000 samples/s. The file itself does not
/// store a rate; we checked it against the data: read at 48 kHz, the baseline's strongest lines (161.9, 191.9, 359.6 Hz) fall
/// where the same machine's lines appear in the 12 kHz fault files, and 243,938 samples are 5.1 s (vs 10 s fault records);
/// read at 12 kHz they would sit 4× lower. Use <see cref="Features.Signal.FirDecimator"/> (factor 4) to compare with 12 kHz faults.
/// </summary>
public sealed record CwruBearingRecording(string Path, int Record, CwruFault Fault, int FaultDiameterMils, int LoadHorsepower, double SampleRate)
{
    /// <summary>Sampling rate of the normal baseline recordings, Hz.</summary>
    public const double NormalBaselineSampleRate = 48_000;
    /// <summary>Sampling rate of the "12k Drive End" fault recordings, Hz.</summary>
    public const double DriveEnd12kSampleRate = 12_000;

    private static readonly Regex NormalName = new(@"^normal_(?<load>\d)_(?<record>\d+)\.mat$", RegexOptions.IgnoreCase);
    private static readonly Regex FaultName = new(@"^12k_Drive_End_(?<kind>B|IR|OR)(?<mils>\d{3})(@6)?_(?<load>\d)_(?<record>\d+)\.mat$", RegexOptions.IgnoreCase);

    /// <summary>Short label, e.g. <c>normal</c>, <c>IR007</c>, <c>OR021@6</c>.</summary>
    public string Label => Fault switch
    {
        CwruFault.Normal => "normal",
        CwruFault.Ball => $"B{FaultDiameterMils:000}",
        CwruFault.InnerRace => $"IR{FaultDiameterMils:000}",
        _ => $"OR{FaultDiameterMils:000}@6",
    };

    /// <summary>Recognises a CWRU file name (normal baseline or 12k drive-end fault).</summary>
    /// <exception cref="FormatException">The name follows neither pattern.</exception>
    public static CwruBearingRecording FromPath(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        var m = NormalName.Match(name);
        if (m.Success)
            return new(path, int.Parse(m.Groups["record"].Value), CwruFault.Normal, 0, int.Parse(m.Groups["load"].Value), NormalBaselineSampleRate);
        m = FaultName.Match(name);
        if (!m.Success)
            throw new FormatException($"{path}: expected a CWRU name 'normal_<load>_<record>.mat' or '12k_Drive_End_<B|IR|OR><mils>[@6]_<load>_<record>.mat'.");
        var fault = m.Groups["kind"].Value.ToUpperInvariant() switch { "B" => CwruFault.Ball, "IR" => CwruFault.InnerRace, _ => CwruFault.OuterRace };
        return new(path, int.Parse(m.Groups["record"].Value), fault, int.Parse(m.Groups["mils"].Value), int.Parse(m.Groups["load"].Value), DriveEnd12kSampleRate);
    }

    /// <summary>All CWRU recordings in a folder, normal first, then by label.</summary>
    public static IReadOnlyList<CwruBearingRecording> InFolder(string folder) =>
        Directory.GetFiles(folder, "*.mat").Select(FromPath).OrderBy(r => r.Fault != CwruFault.Normal).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();

    /// <summary>Name of the drive-end accelerometer variable, e.g. <c>X097_DE_time</c>.</summary>
    public string DriveEndVariable => $"X{Record:000}_DE_time";

    /// <summary>The drive-end accelerometer signal (g), <c>[samples]</c> at <see cref="SampleRate"/>.</summary>
    public double[] ReadDriveEnd() => MatFileReader.Read(Path, DriveEndVariable).ToVector();
}
