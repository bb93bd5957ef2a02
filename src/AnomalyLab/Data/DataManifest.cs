using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnomalyLab.Data;

/// <summary>
/// What a public dataset looks like once downloaded (a JSON file in <c>data-manifests/</c>): where it comes from, its
/// archives (with checksums where the source publishes them), its licence, and per folder ("part") the layout and clip
/// counts by machine type, split and label. Read by <see cref="ManifestVerifier"/> and <see cref="ArchiveFetcher"/>.
/// </summary>
public sealed record DataManifest
{
    /// <summary>Short name, also the file name without <c>.json</c> (e.g. <c>dcase2020-task2-dev</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Human title.</summary>
    public string Title { get; init; } = "";

    /// <summary>Where the data is published: record and page URLs as text.</summary>
    public ManifestSource Source { get; init; } = new();

    /// <summary>Licence of the data (e.g. <c>CC BY-NC-SA 4.0</c>).</summary>
    public string Licence { get; init; } = "";

    /// <summary>True when the manifest describes a partial sample (its counts are exact for the sample, not the full dataset).</summary>
    public bool Sample { get; init; }

    /// <summary>Downloadable archives.</summary>
    public IReadOnlyList<ManifestArchive> Archives { get; init; } = [];

    /// <summary>Folders of the local copy and what each must hold.</summary>
    public IReadOnlyList<ManifestPart> Parts { get; init; } = [];

    /// <summary>A <c>sha256sum</c>-format file relative to the root whose entries verify checks, or null.</summary>
    public string? ChecksumFile { get; init; }

    /// <summary>Caveats: unknown checksums or counts and why, renamed files, ...</summary>
    public string? Notes { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and checks a manifest file.</summary>
    /// <exception cref="InvalidDataException">Unreadable JSON or an inconsistent manifest (the message names the file and field).</exception>
    public static DataManifest Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: manifest not found.", path);
        DataManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DataManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid data manifest ({e.Message}).", e);
        }
        if (manifest == null) throw new InvalidDataException($"{path}: empty manifest.");
        return manifest.Validate(path);
    }

    /// <summary>Checks fields; one message names all problems.</summary>
    public DataManifest Validate(string source)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("'name' is empty");
        if (Parts.Count == 0) problems.Add("'parts' is empty: nothing to verify");
        foreach (var (part, i) in Parts.Select((p, i) => (p, i)))
        {
            if (!ManifestPart.Layouts.Contains(part.Layout)) problems.Add($"parts[{i}].layout '{part.Layout}' is not one of {string.Join(", ", ManifestPart.Layouts)}");
            if (part.Layout == "files" && (part.Files == null || part.Files.Count == 0)) problems.Add($"parts[{i}] has layout 'files' but no 'files' list");
            if (part.Counts.Any(c => c.Clips is < 0)) problems.Add($"parts[{i}] has a negative clip count");
        }
        foreach (var (archive, i) in Archives.Select((a, i) => (a, i)))
        {
            if (string.IsNullOrWhiteSpace(archive.Name)) problems.Add($"archives[{i}].name is empty");
            if (archive.Sha256 is { } sha && (sha.Length != 64 || !sha.All(Uri.IsHexDigit))) problems.Add($"archives[{i}].sha256 is not 64 hex digits");
            if (archive.Md5 is { } md5 && (md5.Length != 32 || !md5.All(Uri.IsHexDigit))) problems.Add($"archives[{i}].md5 is not 32 hex digits");
        }
        if (problems.Count > 0) throw new InvalidDataException($"{source}: invalid manifest: {string.Join("; ", problems)}.");
        return this;
    }

    /// <summary>
    /// Finds manifest <paramref name="nameOrPath"/>: an existing file path, else <c>&lt;name&gt;.json</c> in
    /// <c>$ANOMALYLAB_MANIFESTS</c>, else in a <c>data-manifests</c> folder above the working directory or the program.
    /// </summary>
    /// <exception cref="FileNotFoundException">Not found; the message lists where it looked and the names available.</exception>
    public static string Locate(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        string file = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? nameOrPath : nameOrPath + ".json";
        var folders = SearchFolders().ToList();
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, file);
            if (File.Exists(candidate)) return candidate;
        }
        var known = folders.SelectMany(f => Directory.GetFiles(f, "*.json")).Select(Path.GetFileNameWithoutExtension).Distinct().Order();
        throw new FileNotFoundException(
            $"manifest '{nameOrPath}' not found (looked in {(folders.Count == 0 ? "no data-manifests folder" : string.Join(", ", folders))}); known: {string.Join(", ", known)}.", file);
    }

    private static IEnumerable<string> SearchFolders()
    {
        string? explicitFolder = Environment.GetEnvironmentVariable("ANOMALYLAB_MANIFESTS");
        if (!string.IsNullOrEmpty(explicitFolder) && Directory.Exists(explicitFolder)) yield return Path.GetFullPath(explicitFolder);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? folder = Path.GetFullPath(start); folder != null; folder = Path.GetDirectoryName(folder))
            {
                string candidate = Path.Combine(folder, "data-manifests");
                if (Directory.Exists(candidate) && seen.Add(candidate)) yield return candidate;
            }
        }
    }
}

/// <summary>Where a dataset is published.</summary>
/// <param name="Record">Archive record, e.g. a Zenodo record URL.</param>
/// <param name="Page">Description page URL.</param>
/// <param name="Citation">How to cite it.</param>
public sealed record ManifestSource(string? Record = null, string? Page = null, string? Citation = null);

/// <summary>One downloadable archive.</summary>
/// <param name="Name">File name (e.g. <c>dev_data_fan.zip</c>).</param>
/// <param name="Url">Download URL, or null when the source gives none directly.</param>
/// <param name="Sha256">SHA-256 as published, or null when the source publishes none.</param>
/// <param name="Md5">MD5 as published (Zenodo shows MD5), or null.</param>
/// <param name="SizeBytes">Size in bytes, or null.</param>
/// <param name="ExtractTo">Sub-folder of the destination to extract into (null = the destination itself).</param>
public sealed record ManifestArchive(string Name, string? Url = null, string? Sha256 = null, string? Md5 = null, long? SizeBytes = null, string? ExtractTo = null);

/// <summary>One folder of a dataset's local copy.</summary>
public sealed record ManifestPart
{
    /// <summary>Layouts understood: <c>dcase2020</c>, <c>dcase2023</c>, <c>mimii-raw</c>, <c>files</c> (an explicit file list).</summary>
    public static readonly IReadOnlyList<string> Layouts = ["dcase2020", "dcase2023", "mimii-raw", "files"];

    /// <summary>Folder relative to the verified root ("" = the root itself).</summary>
    public string Folder { get; init; } = "";

    /// <summary>One of <see cref="Layouts"/>.</summary>
    public string Layout { get; init; } = "dcase2020";

    /// <summary>Expected audio format of every WAV file, or null to accept any readable WAV.</summary>
    public ManifestAudio? Audio { get; init; }

    /// <summary>Expected clip counts (dataset layouts).</summary>
    public IReadOnlyList<ManifestCount> Counts { get; init; } = [];

    /// <summary>Expected file names (layout <c>files</c>).</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>The <see cref="DatasetLayout"/> for dataset layouts.</summary>
    public DatasetLayout DatasetLayout => Layout switch
    {
        "dcase2020" => DatasetLayout.Dcase2020,
        "dcase2023" => DatasetLayout.Dcase2023,
        "mimii-raw" => DatasetLayout.MimiiRaw,
        _ => DatasetLayout.Auto,
    };
}

/// <summary>Expected audio format.</summary>
/// <param name="SampleRate">Hz.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="BitsPerSample">Bits per sample, or null for any.</param>
public sealed record ManifestAudio(int SampleRate, int Channels, int? BitsPerSample = null);

/// <summary>
/// Expected number of clips of one machine type, split and label (and optionally domain); <see cref="Clips"/> null means
/// the source does not state it (verify reports what it finds without judging).
/// </summary>
/// <param name="MachineType">Machine type.</param>
/// <param name="Split"><c>train</c>, <c>test</c> or <c>unsplit</c>.</param>
/// <param name="Label"><c>normal</c>, <c>anomaly</c>, <c>unknown</c>, or null for any label.</param>
/// <param name="Clips">Expected count, or null when unknown.</param>
/// <param name="Domain"><c>source</c>/<c>target</c>, or null for any domain.</param>
public sealed record ManifestCount(string MachineType, string Split, string? Label, int? Clips, string? Domain = null);
