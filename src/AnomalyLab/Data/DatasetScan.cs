namespace AnomalyLab.Data;

/// <summary>
/// What <see cref="DatasetScanner"/> found under a root: the parsed clips (sorted by path), the files that matched no
/// convention, and sub-folders it skipped because they are not machine-type folders.
/// </summary>
/// <param name="Root">The scanned folder (full path).</param>
/// <param name="Layout">The layout used (never <see cref="DatasetLayout.Auto"/>).</param>
/// <param name="Clips">Every recognised clip, sorted by path (ordinal).</param>
/// <param name="Unmatched">Files that match no convention.</param>
/// <param name="SkippedFolders">Sub-folders of the root that are not machine-type folders (e.g. <c>ground_truth</c>).</param>
public sealed record DatasetScan(
    string Root,
    DatasetLayout Layout,
    IReadOnlyList<ClipRecord> Clips,
    UnmatchedFiles Unmatched,
    IReadOnlyList<string> SkippedFolders)
{
    /// <summary>Machine types present, sorted (ordinal).</summary>
    public IReadOnlyList<string> MachineTypes => Clips.Select(c => c.MachineType).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Clips of one machine type and split, optionally one label; sorted by path.</summary>
    /// <exception cref="DatasetLayoutException">The machine type is absent, or it has no clips in that split.</exception>
    public IReadOnlyList<ClipRecord> Select(string machineType, DataSplit split, ClipLabel? label = null)
    {
        if (!Clips.Any(c => c.MachineType == machineType))
            throw new DatasetLayoutException(Root, $"no machine type '{machineType}' here; found {FormatList(MachineTypes)}.");
        var selected = Clips.Where(c => c.MachineType == machineType && c.Split == split && (label == null || c.Label == label)).ToList();
        if (selected.Count == 0)
        {
            string what = label == null ? $"{split.ToString().ToLowerInvariant()} clips" : $"{split.ToString().ToLowerInvariant()} clips labelled {label.Value.ToString().ToLowerInvariant()}";
            throw new DatasetLayoutException(Root, $"machine type '{machineType}' has no {what} ({ExpectedHint(machineType, split)}).");
        }
        return selected;
    }

    private string ExpectedHint(string machineType, DataSplit split) => Layout switch
    {
        DatasetLayout.Dcase2020 => $"expected {machineType}/{split.ToString().ToLowerInvariant()}/{{normal,anomaly}}_id_XX_NNNNNNNN.wav",
        DatasetLayout.Dcase2023 => $"expected {machineType}/{split.ToString().ToLowerInvariant()}/section_XX_<domain>_{split.ToString().ToLowerInvariant()}_<label>_NNNN_<attributes>.wav or the prefixed flat form",
        _ => "MIMII raw recordings have no train/test split; use DataSplit.Unsplit",
    };

    internal static string FormatList(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
