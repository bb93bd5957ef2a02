using System.Collections.Concurrent;
using System.Security.Cryptography;
using AnomalyLab.Audio;

namespace AnomalyLab.Data;

/// <summary>
/// Checks a local copy of a dataset against its <see cref="DataManifest"/>: folder layout, clip counts per machine type,
/// split and label, files matching no convention, every WAV header (decoded) and audio format, listed files, and the
/// manifest's checksum file. Nothing is modified.
/// </summary>
public static class ManifestVerifier
{
    private const int MaxExamples = 3;

    /// <summary>Verifies <paramref name="root"/>; <paramref name="progress"/> gets (files checked, files total) per part.</summary>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    public static VerifyReport Verify(string root, DataManifest manifest, IProgress<StageProgress>? progress = null)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"{full}: folder to verify against manifest '{manifest.Name}' not found.");
        var rows = new List<VerifyRow>();
        foreach (ManifestPart part in manifest.Parts)
        {
            string folder = Path.Combine(full, part.Folder);
            string label = part.Folder.Length == 0 ? "." : part.Folder;
            if (!Directory.Exists(folder))
            {
                int expected = part.Layout == "files" ? part.Files!.Count : part.Counts.Sum(c => c.Clips ?? 0);
                rows.Add(new VerifyRow(label, "folder", expected, 0, VerifyStatus.Missing, $"{folder} not found (expected layout {part.Layout})"));
                continue;
            }
            if (part.Layout == "files") VerifyFiles(folder, label, part, rows, progress);
            else VerifyDataset(folder, label, part, rows, progress);
        }
        if (manifest.ChecksumFile != null) VerifyChecksums(full, manifest.ChecksumFile, rows, progress);
        return new VerifyReport(full, manifest, rows);
    }

    private static void VerifyDataset(string folder, string label, ManifestPart part, List<VerifyRow> rows, IProgress<StageProgress>? progress)
    {
        DatasetScan scan;
        try
        {
            scan = DatasetScanner.Scan(folder, part.DatasetLayout);
        }
        catch (DatasetLayoutException e)
        {
            rows.Add(new VerifyRow(label, "layout " + part.Layout, part.Counts.Sum(c => c.Clips ?? 0), 0, VerifyStatus.Missing, e.Message));
            return;
        }
        var covered = new HashSet<ClipRecord>(ReferenceEqualityComparer.Instance);
        foreach (ManifestCount count in part.Counts)
        {
            var matching = scan.Clips.Where(c => Matches(c, count)).ToList();
            covered.UnionWith(matching);
            string item = $"{count.MachineType}/{count.Split}" + (count.Domain != null ? $"/{count.Domain}" : "") + (count.Label != null ? $"/{count.Label}" : "");
            rows.Add(new VerifyRow(label, item, count.Clips, matching.Count, Judge(count.Clips, matching.Count)));
        }
        foreach (var group in scan.Clips.Where(c => !covered.Contains(c)).GroupBy(c => $"{c.MachineType}/{Lower(c.Split)}/{Lower(c.Label)}").OrderBy(g => g.Key, StringComparer.Ordinal))
            rows.Add(new VerifyRow(label, group.Key, null, group.Count(), VerifyStatus.Unexpected, "not listed in the manifest, e.g. " + group.First().Path));
        if (scan.Unmatched.Count > 0)
            rows.Add(new VerifyRow(label, "unmatched files", 0, scan.Unmatched.Count, VerifyStatus.Unmatched, string.Join(", ", scan.Unmatched.Examples.Take(MaxExamples))));
        CheckHeaders(label, scan.Clips.Select(c => c.Path).ToList(), part.Audio, rows, progress);
    }

    private static void VerifyFiles(string folder, string label, ManifestPart part, List<VerifyRow> rows, IProgress<StageProgress>? progress)
    {
        var listed = part.Files!;
        var present = listed.Where(f => File.Exists(Path.Combine(folder, f))).ToList();
        var missing = listed.Except(present).ToList();
        rows.Add(new VerifyRow(label, "listed files", listed.Count, present.Count, Judge(listed.Count, present.Count),
            missing.Count > 0 ? "missing: " + string.Join(", ", missing.Take(MaxExamples)) + (missing.Count > MaxExamples ? ", ..." : "") : null));
        var listedSet = listed.ToHashSet(StringComparer.Ordinal);
        var extra = Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith('.') && !listedSet.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0) rows.Add(new VerifyRow(label, "files not listed", 0, extra.Count, VerifyStatus.Extra, string.Join(", ", extra.Take(MaxExamples))));
        var paths = present.Select(f => Path.Combine(folder, f)).ToList();
        CheckHeaders(label, paths.Where(p => p.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)).ToList(), part.Audio, rows, progress);
        var mats = paths.Where(p => p.EndsWith(".mat", StringComparison.OrdinalIgnoreCase)).ToList();
        if (mats.Count > 0)
        {
            var bad = new List<string>();
            foreach (string mat in mats)
            {
                try
                {
                    MatFileHeader.Check(mat);
                }
                catch (InvalidDataException e)
                {
                    bad.Add(e.Message);
                }
            }
            rows.Add(new VerifyRow(label, "readable MAT headers", mats.Count, mats.Count - bad.Count,
                bad.Count == 0 ? VerifyStatus.Ok : VerifyStatus.Unreadable, bad.Count > 0 ? string.Join(" | ", bad.Take(MaxExamples)) : null));
        }
    }

    /// <summary>Decodes every WAV header (in parallel) and compares the format with <paramref name="audio"/>.</summary>
    private static void CheckHeaders(string label, List<string> paths, ManifestAudio? audio, List<VerifyRow> rows, IProgress<StageProgress>? progress)
    {
        if (paths.Count == 0) return;
        var unreadable = new ConcurrentBag<string>();
        var wrong = new ConcurrentBag<string>();
        int done = 0;
        Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            try
            {
                WavHeader header = WavReader.ReadHeader(path);
                if (audio != null && (header.SampleRate != audio.SampleRate || header.ChannelCount != audio.Channels
                    || (audio.BitsPerSample is { } bits && header.BitsPerSample != bits)))
                {
                    wrong.Add($"{path}: {header.SampleRate} Hz, {header.ChannelCount} ch, {header.BitsPerSample}-bit; expected {audio.SampleRate} Hz, {audio.Channels} ch" +
                        (audio.BitsPerSample is { } b ? $", {b}-bit" : ""));
                }
            }
            catch (IOException e)
            {
                unreadable.Add(e.Message);
            }
            progress?.Report(new StageProgress($"{label}: WAV headers", Interlocked.Increment(ref done), paths.Count));
        });
        rows.Add(new VerifyRow(label, "readable WAV headers", paths.Count, paths.Count - unreadable.Count,
            unreadable.IsEmpty ? VerifyStatus.Ok : VerifyStatus.Unreadable, unreadable.IsEmpty ? null : string.Join(" | ", unreadable.Order(StringComparer.Ordinal).Take(MaxExamples))));
        if (audio != null)
        {
            int readable = paths.Count - unreadable.Count;
            rows.Add(new VerifyRow(label, $"format {audio.SampleRate} Hz / {audio.Channels} ch" + (audio.BitsPerSample is { } bits ? $" / {bits}-bit" : ""), readable, readable - wrong.Count,
                wrong.IsEmpty ? VerifyStatus.Ok : VerifyStatus.WrongFormat, wrong.IsEmpty ? null : string.Join(" | ", wrong.Order(StringComparer.Ordinal).Take(MaxExamples))));
        }
    }

    private static void VerifyChecksums(string root, string checksumFile, List<VerifyRow> rows, IProgress<StageProgress>? progress)
    {
        string path = Path.Combine(root, checksumFile);
        if (!File.Exists(path))
        {
            rows.Add(new VerifyRow(".", $"checksums ({checksumFile})", null, 0, VerifyStatus.Missing, $"{path} not found"));
            return;
        }
        IO.InputPaths.RequireRegularFile(path, "checksum list");
        var entries = new List<(string Hash, string File)>();
        string canonicalRoot = IO.OutputPaths.Canonical(root);
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOf(' ');
            if (space != 64 || !line[..64].All(Uri.IsHexDigit))
                throw new InvalidDataException($"{path}: line {number} is not '<64 hex digits>  <file>' (sha256sum format).");
            string entry = line[(space + 1)..].TrimStart(' ', '*');
            CheckChecksumEntry(path, number, root, canonicalRoot, entry);
            entries.Add((line[..64].ToLowerInvariant(), entry));
        }
        if (entries.Count == 0)
            throw new InvalidDataException($"{path}: lists no files (every line is empty or a comment); a checksum list must name at least one file.");
        var mismatched = new ConcurrentBag<string>();
        var absent = new ConcurrentBag<string>();
        int done = 0;
        Parallel.ForEach(entries, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, entry =>
        {
            string file = Path.GetFullPath(Path.Combine(root, entry.File));
            if (!File.Exists(file)) absent.Add(entry.File);
            else
            {
                using var stream = File.OpenRead(file);
                string actual = Convert.ToHexStringLower(SHA256.HashData(stream));
                if (actual != entry.Hash) mismatched.Add($"{entry.File}: SHA-256 {actual}, expected {entry.Hash}");
            }
            progress?.Report(new StageProgress($"checksums ({checksumFile})", Interlocked.Increment(ref done), entries.Count));
        });
        int good = entries.Count - mismatched.Count - absent.Count;
        VerifyStatus status = !mismatched.IsEmpty ? VerifyStatus.ChecksumMismatch : Judge(entries.Count, good);
        string? detail = !mismatched.IsEmpty ? string.Join(" | ", mismatched.Order(StringComparer.Ordinal).Take(MaxExamples))
            : !absent.IsEmpty ? "absent: " + string.Join(", ", absent.Order(StringComparer.Ordinal).Take(MaxExamples)) : null;
        rows.Add(new VerifyRow(".", $"checksums ({checksumFile})", entries.Count, good, status, detail));
    }

    /// <summary>
    /// A checksum entry names a regular file inside the dataset root: not an absolute path, no <c>..</c> step, not a link
    /// out of the root, not a device or pipe (which would be read forever). Anything else is a bad checksum list.
    /// </summary>
    private static void CheckChecksumEntry(string listPath, int line, string root, string canonicalRoot, string entry)
    {
        string normalized = entry.Replace('\\', '/');
        if (normalized.Length == 0 || Path.IsPathRooted(normalized) || normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':'))
            throw new InvalidDataException($"{listPath}: line {line} names '{entry}', an absolute path; entries must be relative to the dataset root.");
        if (normalized.Split('/').Any(part => part == ".."))
            throw new InvalidDataException($"{listPath}: line {line} names '{entry}', which steps out with '..'; entries must stay inside the dataset root.");
        string full = Path.GetFullPath(Path.Combine(root, normalized));
        IO.FileNode node = IO.FileNode.InspectTarget(full);
        if (node.Kind == IO.FileNodeKind.Missing) return;
        if (!IO.OutputPaths.IsSameOrInside(IO.OutputPaths.Canonical(full), canonicalRoot))
            throw new InvalidDataException($"{listPath}: line {line} names '{entry}', a link that leads outside the dataset root.");
        if (node.Kind != IO.FileNodeKind.Regular)
            throw new InvalidDataException($"{listPath}: line {line} names '{entry}', which is {node.Describe()}, not a regular file.");
    }

    private static bool Matches(ClipRecord clip, ManifestCount count) =>
        clip.MachineType == count.MachineType
        && Lower(clip.Split) == count.Split.ToLowerInvariant()
        && (count.Label == null || Lower(clip.Label) == count.Label.ToLowerInvariant())
        && (count.Domain == null || Lower(clip.Domain) == count.Domain.ToLowerInvariant());

    private static VerifyStatus Judge(int? expected, int found) => expected switch
    {
        null => VerifyStatus.Unknown,
        _ when found == expected => VerifyStatus.Ok,
        _ when found == 0 => VerifyStatus.Missing,
        _ when found < expected => VerifyStatus.Partial,
        _ => VerifyStatus.Extra,
    };

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
