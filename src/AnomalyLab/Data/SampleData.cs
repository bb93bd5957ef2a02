namespace AnomalyLab.Data;

/// <summary>
/// The data a notebook runs on, from its <c>data</c> parameter: nothing (the synthetic default), a dataset root, or the shared
/// sample-data folder (<c>../shared/data</c>, as the test suite passes it) — then the DCASE 2020 sample inside it. One rule for
/// every notebook, so none repeats the lookup.
/// </summary>
public static class SampleData
{
    /// <summary>The DCASE 2020 Task 2 development sample inside the shared data folder (DCASE 2020 layout: slider, ToyCar).</summary>
    public const string Dcase2020Folder = "dcase2020-task2-dev-sample";

    /// <summary>The DCASE 2023 Task 2 development sample inside the shared data folder (flat, prefixed names).</summary>
    public const string Dcase2023Folder = "dcase2023-task2-dev-sample";

    /// <summary>The machine type studied in the DCASE 2020 sample when the requested one is not in it.</summary>
    public const string Dcase2020Machine = "slider";

    /// <summary>
    /// Resolves a notebook's <paramref name="data"/> and <paramref name="machine"/> parameters:
    /// empty <paramref name="data"/> → no folder (the synthetic default) and <paramref name="machine"/> unchanged;
    /// a folder holding <see cref="Dcase2020Folder"/> → that sample, with <paramref name="machine"/> when the sample holds that
    /// type, else <see cref="Dcase2020Machine"/>; any other folder → that folder (full path) and <paramref name="machine"/>.
    /// Nothing is read or generated here.
    /// </summary>
    public static SampleDataChoice Resolve(string? data, string machine)
    {
        if (string.IsNullOrEmpty(data)) return new SampleDataChoice(null, machine);
        string sample = Path.Combine(data, Dcase2020Folder);
        if (!Directory.Exists(sample)) return new SampleDataChoice(Path.GetFullPath(data), machine);
        bool held = machine.Length > 0 && Directory.Exists(Path.Combine(sample, machine));
        return new SampleDataChoice(Path.GetFullPath(sample), held ? machine : Dcase2020Machine);
    }

    /// <summary>
    /// The clips of the DCASE 2023 sample inside the shared data folder <paramref name="data"/> (train and test, every machine
    /// type; names <c>&lt;type&gt;_&lt;split&gt;_section_XX_…wav</c>), ordered by path (ordinal). Type, label and section come
    /// from <see cref="ClipNameParser.ParseDcase2023Prefixed"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The sample folder is missing.</exception>
    /// <exception cref="InvalidDataException">A WAV file whose name does not follow the convention (named in the message).</exception>
    public static IReadOnlyList<ClipRecord> Dcase2023Clips(string data)
    {
        string folder = Path.Combine(data, Dcase2023Folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: DCASE 2023 sample folder not found (expected inside the shared data folder {data}).");
        return Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal)
            .Select(f => ClipNameParser.ParseDcase2023Prefixed(f)
                ?? throw new InvalidDataException($"{f}: expected a DCASE 2023 prefixed name <type>_<split>_section_XX_<domain>_<split>_<label>_NNNN….wav."))
            .ToArray();
    }
}
