namespace AnomalyLab.Data;

/// <summary>
/// One clip of a DCASE 2020 Task 2 style folder <c>&lt;root&gt;/&lt;machine_type&gt;/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav</c>.
/// </summary>
/// <param name="Path">Full path.</param>
/// <param name="MachineType">Folder name of the machine type, e.g. <c>slider</c>.</param>
/// <param name="MachineId">Machine id as in the name, e.g. <c>id_00</c>.</param>
/// <param name="IsAnomaly">True for <c>anomaly_*</c> files.</param>
public sealed record DcaseClip(string Path, string MachineType, string MachineId, bool IsAnomaly)
{
    /// <summary>The clips of one split (<c>train</c> or <c>test</c>), sorted by file name.</summary>
    /// <exception cref="DirectoryNotFoundException">The split folder does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">No clip follows the naming pattern.</exception>
    public static IReadOnlyList<DcaseClip> List(string root, string machineType, string split)
    {
        string folder = System.IO.Path.Combine(root, machineType, split);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Expected DCASE folder {folder} (layout <root>/<machine_type>/{{train,test}}/{{normal,anomaly}}_id_XX_NNNNNNNN.wav).");
        var clips = new List<DcaseClip>();
        foreach (string path in Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal))
        {
            // The data layer owns DCASE naming; unlabelled (evaluation) names cannot be scored here.
            ClipRecord? record = ClipNameParser.ParseDcase2020(path, machineType, ClipNameParser.ParseSplit(split));
            if (record is { Label: ClipLabel.Normal or ClipLabel.Anomaly })
                clips.Add(new DcaseClip(path, machineType, record.MachineId, record.Label == ClipLabel.Anomaly));
        }
        if (clips.Count == 0)
            throw new InvalidDataException($"No clip named {{normal,anomaly}}_id_XX_NNNNNNNN.wav in {folder}.");
        return clips;
    }
}
