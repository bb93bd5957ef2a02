namespace AnomalyLab.Data;

/// <summary>Which part of a dataset a clip belongs to.</summary>
public enum DataSplit
{
    /// <summary>Training data (normal clips only in DCASE).</summary>
    Train,

    /// <summary>Test data (normal and anomalous clips).</summary>
    Test,

    /// <summary>No split in the source layout (MIMII raw recordings).</summary>
    Unsplit,
}

/// <summary>Ground-truth label a file name carries.</summary>
public enum ClipLabel
{
    /// <summary>Normal operation.</summary>
    Normal,

    /// <summary>Anomalous operation (<c>anomaly</c> in DCASE names, <c>abnormal</c> in MIMII folders).</summary>
    Anomaly,

    /// <summary>The name carries no label (DCASE evaluation test files).</summary>
    Unknown,
}

/// <summary>Recording domain of DCASE 2021+ clips; DCASE 2020 and MIMII have none.</summary>
public enum ClipDomain
{
    /// <summary>The layout has no domain.</summary>
    None,

    /// <summary>Source domain (plenty of training data).</summary>
    Source,

    /// <summary>Target domain (few training clips: domain shift).</summary>
    Target,
}

/// <summary>
/// One audio clip found under a dataset root, with everything its path says about it.
/// </summary>
/// <param name="MachineType">Machine type folder or prefix, e.g. <c>fan</c>, <c>ToyCar</c>.</param>
/// <param name="MachineId">Machine id (<c>id_00</c>, DCASE 2020 / MIMII) or section (<c>section_00</c>, DCASE 2021+).</param>
/// <param name="Domain">Source/target (DCASE 2021+) or <see cref="ClipDomain.None"/>.</param>
/// <param name="Split">Train, test or unsplit (MIMII).</param>
/// <param name="Label">Normal, anomaly, or unknown when the name has no label.</param>
/// <param name="ClipNumber">The clip's number as written in the name (<c>00000012</c>, <c>0040</c>).</param>
/// <param name="Attributes">DCASE 2021+ attribute key/value pairs from the name (<c>m-n</c> → <c>X</c>), in name order; MIMII adds <c>snr</c>.</param>
/// <param name="Path">Full path of the file.</param>
public sealed record ClipRecord(
    string MachineType,
    string MachineId,
    ClipDomain Domain,
    DataSplit Split,
    ClipLabel Label,
    string ClipNumber,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    string Path)
{
    /// <summary>Separator of composite ids (<c>fan__id_00</c>), chosen because no DCASE name contains it.</summary>
    public const string CompositeSeparator = "__";

    /// <summary>Machine type and id in one key: <c>fan__id_00</c>; unique across a multi-type dataset.</summary>
    public string CompositeId => MachineType + CompositeSeparator + MachineId;

    /// <summary>The value of attribute <paramref name="key"/>, or null when the name does not carry it.</summary>
    public string? Attribute(string key)
    {
        foreach (var pair in Attributes)
            if (pair.Key == key) return pair.Value;
        return null;
    }

    /// <summary>True for a clip labelled <see cref="ClipLabel.Anomaly"/>.</summary>
    public bool IsAnomaly => Label == ClipLabel.Anomaly;

    /// <summary>The file name without folders.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
