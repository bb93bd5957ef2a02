namespace AnomalyLab.Data;

/// <summary>
/// Finds the clips of a DCASE 2020, DCASE 2021–2023 or MIMII raw dataset folder. Every file under a split/label folder
/// either parses into a <see cref="ClipRecord"/> or is reported in <see cref="DatasetScan.Unmatched"/>.
/// </summary>
public static class DatasetScanner
{
    private static readonly string[] SplitFolders = ["train", "test"];

    /// <summary>
    /// Scans <paramref name="root"/>. A root that is itself a machine-type folder (holding <c>train</c>/<c>test</c>) is
    /// accepted and named after the folder.
    /// </summary>
    /// <param name="root">Dataset root.</param>
    /// <param name="layout">Convention, or <see cref="DatasetLayout.Auto"/> to detect it.</param>
    /// <param name="machineTypes">Only these machine types (null = all); an absent one is an error.</param>
    /// <exception cref="DatasetLayoutException">Missing root, no recognisable layout, missing machine type, or no clips.</exception>
    public static DatasetScan Scan(string root, DatasetLayout layout = DatasetLayout.Auto, IReadOnlyCollection<string>? machineTypes = null)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
            throw new DatasetLayoutException(full, "dataset folder not found; expected a DCASE 2020 (<root>/<machine_type>/{train,test}/...), DCASE 2021+ or MIMII raw folder.");
        if (layout == DatasetLayout.Auto) layout = DetectLayout(full);
        var clips = new List<ClipRecord>();
        var unmatched = new List<string>();
        var skipped = new List<string>();
        switch (layout)
        {
            case DatasetLayout.Dcase2020:
            case DatasetLayout.Dcase2023:
                ScanNested(full, layout, clips, unmatched, skipped);
                break;
            case DatasetLayout.MimiiRaw:
                ScanMimii(full, clips, unmatched, skipped);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout.");
        }
        if (machineTypes != null)
        {
            var present = clips.Select(c => c.MachineType).ToHashSet(StringComparer.Ordinal);
            var missing = machineTypes.Where(t => !present.Contains(t)).ToList();
            if (missing.Count > 0)
                throw new DatasetLayoutException(full, $"machine type(s) {string.Join(", ", missing)} not found; found {DatasetScan.FormatList(present.Order(StringComparer.Ordinal))}.");
            var wanted = machineTypes.ToHashSet(StringComparer.Ordinal);
            clips.RemoveAll(c => !wanted.Contains(c.MachineType));
        }
        if (clips.Count == 0)
        {
            string why = unmatched.Count > 0 ? $"; {UnmatchedFiles.From(unmatched)}" : "";
            throw new DatasetLayoutException(full, $"no clips found for layout {layout} ({ExpectedText(layout)}){why}.");
        }
        clips.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        skipped.Sort(StringComparer.Ordinal);
        return new DatasetScan(full, layout, clips, UnmatchedFiles.From(unmatched), skipped);
    }

    /// <summary>
    /// Guesses the layout of <paramref name="root"/>: MIMII when a sub-folder is named <c>&lt;snr&gt;_dB_&lt;machine&gt;</c>;
    /// DCASE 2021+ when WAV names (flat, or in a split folder) start with <c>section_</c> or <c>&lt;type&gt;_&lt;split&gt;_section_</c>;
    /// DCASE 2020 when machine-type folders hold <c>train</c>/<c>test</c> with other names.
    /// </summary>
    /// <exception cref="DatasetLayoutException">Nothing recognisable; the message lists what was expected and what is there.</exception>
    public static DatasetLayout DetectLayout(string root)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new DatasetLayoutException(full, "dataset folder not found.");
        var folders = Directory.GetDirectories(full).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (folders.Any(f => ClipNameParser.TryParseMimiiSnrFolder(f, out _, out _))) return DatasetLayout.MimiiRaw;
        if (Directory.EnumerateFiles(full, "*.wav").Any(f => ClipNameParser.ParseDcase2023Prefixed(f) != null)) return DatasetLayout.Dcase2023;
        foreach (string splitFolder in MachineTypeFolders(full).SelectMany(t => SplitFolders.Select(s => Path.Combine(t.Path, s))).Where(Directory.Exists))
        {
            string? first = Directory.EnumerateFiles(splitFolder, "*.wav").Select(Path.GetFileName).FirstOrDefault();
            if (first == null) continue;
            return first.StartsWith("section_", StringComparison.Ordinal) ? DatasetLayout.Dcase2023 : DatasetLayout.Dcase2020;
        }
        throw new DatasetLayoutException(full,
            $"no recognisable dataset layout: expected <machine_type>/{{train,test}}/*.wav (DCASE), <type>_<split>_section_*.wav (flat DCASE 2021+) " +
            $"or <snr>_dB_<machine>/ folders (MIMII raw); found sub-folders {DatasetScan.FormatList(folders)} and {Directory.GetFiles(full).Length} file(s).");
    }

    private static string ExpectedText(DatasetLayout layout) => layout switch
    {
        DatasetLayout.Dcase2020 => "expected <root>/<machine_type>/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav",
        DatasetLayout.Dcase2023 => "expected <root>/<machine_type>/{train,test}/section_XX_{source,target}_{train,test}_{normal,anomaly}_NNNN_<attributes>.wav or <root>/<type>_<split>_section_...wav",
        _ => "expected <root>/<snr>_dB_<machine>/<machine>/id_XX/{normal,abnormal}/NNNNNNNN.wav",
    };

    /// <summary>Machine-type folders: the root itself when it holds train/test, else its sub-folders that do.</summary>
    private static List<(string Type, string Path)> MachineTypeFolders(string root)
    {
        if (SplitFolders.Any(s => Directory.Exists(Path.Combine(root, s))))
            return [(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), root)];
        return Directory.GetDirectories(root)
            .Where(d => SplitFolders.Any(s => Directory.Exists(Path.Combine(d, s))))
            .Order(StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d), d))
            .ToList();
    }

    private static void ScanNested(string root, DatasetLayout layout, List<ClipRecord> clips, List<string> unmatched, List<string> skipped)
    {
        var typeFolders = MachineTypeFolders(root);
        if (layout == DatasetLayout.Dcase2023)
        {
            // The flat, prefixed form: WAV files directly in the root.
            foreach (string file in Directory.EnumerateFiles(root))
            {
                if (IsHidden(file)) continue;
                if (!file.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)) continue;
                if (ClipNameParser.ParseDcase2023Prefixed(file) is { } clip) clips.Add(clip);
                else unmatched.Add(file);
            }
        }
        var typeSet = typeFolders.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
        if (!typeSet.Contains(root))
            skipped.AddRange(Directory.GetDirectories(root).Where(d => !typeSet.Contains(d) && !IsHidden(d)));
        foreach (var (type, folder) in typeFolders)
        {
            foreach (string splitName in SplitFolders)
            {
                string splitFolder = Path.Combine(folder, splitName);
                if (!Directory.Exists(splitFolder)) continue;
                DataSplit split = ClipNameParser.ParseSplit(splitName);
                foreach (string file in Directory.EnumerateFiles(splitFolder, "*", SearchOption.AllDirectories))
                {
                    if (IsHidden(file)) continue;
                    ClipRecord? clip = Path.GetDirectoryName(file) != splitFolder ? null
                        : layout == DatasetLayout.Dcase2020 ? ClipNameParser.ParseDcase2020(file, type, split)
                        : ClipNameParser.ParseDcase2023(file, type, split);
                    if (clip != null) clips.Add(clip);
                    else unmatched.Add(file);
                }
            }
        }
    }

    private static void ScanMimii(string root, List<ClipRecord> clips, List<string> unmatched, List<string> skipped)
    {
        foreach (string snrFolder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (IsHidden(snrFolder)) continue;
            if (!ClipNameParser.TryParseMimiiSnrFolder(Path.GetFileName(snrFolder), out string snr, out string machine))
            {
                skipped.Add(snrFolder);
                continue;
            }
            string machineFolder = Path.Combine(snrFolder, machine);
            if (!Directory.Exists(machineFolder))
                throw new DatasetLayoutException(snrFolder, $"expected a '{machine}' sub-folder (MIMII raw layout <snr>_dB_<machine>/<machine>/id_XX/{{normal,abnormal}}/), found {DatasetScan.FormatList(Directory.GetDirectories(snrFolder).Select(Path.GetFileName).OfType<string>())}.");
            foreach (string file in Directory.EnumerateFiles(snrFolder, "*", SearchOption.AllDirectories))
            {
                if (IsHidden(file)) continue;
                string relative = Path.GetRelativePath(machineFolder, file);
                string[] parts = relative.Split(Path.DirectorySeparatorChar);
                ClipRecord? clip = parts.Length == 3 ? ClipNameParser.ParseMimii(file, machine, parts[0], parts[1], snr) : null;
                if (clip != null) clips.Add(clip);
                else unmatched.Add(file);
            }
        }
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');

    /// <summary>
    /// The labelled clips (normal and anomaly) of one split of a DCASE 2020 Task 2 style folder
    /// <c>&lt;root&gt;/&lt;machine_type&gt;/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav</c>, sorted by file name.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The split folder does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">No clip follows the naming pattern.</exception>
    public static IReadOnlyList<ClipRecord> ListDcase2020(string root, string machineType, DataSplit split)
    {
        string folder = Path.Combine(root, machineType, split.ToString().ToLowerInvariant());
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Expected DCASE folder {folder} (layout <root>/<machine_type>/{{train,test}}/{{normal,anomaly}}_id_XX_NNNNNNNN.wav).");
        var clips = new List<ClipRecord>();
        foreach (string path in Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal))
        {
            // Unlabelled (evaluation) names cannot be scored or trained on here.
            ClipRecord? record = ClipNameParser.ParseDcase2020(path, machineType, split);
            if (record is { Label: ClipLabel.Normal or ClipLabel.Anomaly }) clips.Add(record);
        }
        if (clips.Count == 0)
            throw new InvalidDataException($"No clip named {{normal,anomaly}}_id_XX_NNNNNNNN.wav in {folder}.");
        return clips;
    }
}
