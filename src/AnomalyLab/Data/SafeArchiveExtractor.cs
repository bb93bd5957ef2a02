using System.Formats.Tar;
using System.IO.Compression;
using AnomalyLab.IO;

namespace AnomalyLab.Data;

/// <summary>
/// Extracts <c>.zip</c>, <c>.tar</c> and <c>.tar.gz</c>/<c>.tgz</c> archives safely: every entry must land inside the
/// destination (no absolute paths, no <c>..</c> escape — zip-slip), symbolic/hard links and device entries are refused,
/// and everything is extracted into a temporary folder first and moved into place only when the whole archive succeeded
/// and no file would be overwritten. Entries appearing twice are refused, and the expanded size is bounded by
/// <see cref="DecompressionLimits"/> (absolute and by ratio); a damaged, empty or truncated archive is named in the error.
/// </summary>
public static class SafeArchiveExtractor
{
    /// <summary>True for the archive types this class extracts (by file name: .zip, .tar, .tar.gz, .tgz).</summary>
    public static bool IsArchive(string path)
    {
        string lower = path.ToLowerInvariant();
        return lower.EndsWith(".zip") || lower.EndsWith(".tar") || lower.EndsWith(".tar.gz") || lower.EndsWith(".tgz");
    }

    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="destination"/> (created).</summary>
    /// <returns>Files extracted.</returns>
    /// <exception cref="UnsafeArchiveException">An entry escapes the destination or is a link; nothing is extracted.</exception>
    /// <exception cref="IOException">A file to extract already exists in the destination; nothing is moved.</exception>
    /// <exception cref="InvalidDataException">The archive is damaged, empty or truncated, or expands past <paramref name="limits"/>; nothing is extracted.</exception>
    public static int Extract(string archivePath, string destination, DecompressionLimits? limits = null)
    {
        limits = (limits ?? DecompressionLimits.Default).Validate();
        string archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive)) throw new FileNotFoundException($"{archive}: archive not found.", archive);
        string target = Path.GetFullPath(destination);
        Directory.CreateDirectory(target);
        string staging = Path.Combine(target, $".extract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            string lower = archive.ToLowerInvariant();
            string kind = lower.EndsWith(".zip") ? "zip" : lower.EndsWith(".tar.gz") || lower.EndsWith(".tgz") ? "tar.gz" : lower.EndsWith(".tar") ? "tar"
                : throw new InvalidDataException($"{archive}: unknown archive type; expected .zip, .tar, .tar.gz or .tgz.");
            int files;
            try
            {
                files = kind == "zip" ? ExtractZip(archive, staging, limits) : ExtractTar(archive, staging, gzip: kind == "tar.gz", limits);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException
                                          or IOException and not UnsafeArchiveException and not FileNotFoundException
                                      && !e.Message.StartsWith(archive, StringComparison.Ordinal))
            {
                // .NET's archive readers report damage without the file name (and sometimes with our staging path): name the archive.
                throw new InvalidDataException($"{archive}: cannot extract this {kind} archive: damaged, truncated or unreadable ({e.Message.Replace(staging, "<archive>", StringComparison.Ordinal)}); nothing was extracted.", e);
            }
            if (files == 0) throw new InvalidDataException($"{archive}: the {kind} archive holds no files; nothing was extracted.");
            MoveInto(staging, target);
            return files;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The full path of entry <paramref name="entryName"/> under <paramref name="root"/>, or an exception if it escapes.</summary>
    public static string ResolveEntry(string archive, string root, string entryName)
    {
        if (string.IsNullOrEmpty(entryName)) throw new UnsafeArchiveException(archive, entryName, "has an empty name");
        string normalized = entryName.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(normalized) || (normalized.Length > 1 && normalized[1] == ':'))
            throw new UnsafeArchiveException(archive, entryName, "is an absolute path");
        string full = Path.GetFullPath(Path.Combine(root, normalized));
        string prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal) && full != root)
            throw new UnsafeArchiveException(archive, entryName, $"would be written outside the destination ({full})");
        return full;
    }

    private static int ExtractZip(string archive, string staging, DecompressionLimits limits)
    {
        using ZipArchive zip = ZipFile.OpenRead(archive);
        long compressed = new FileInfo(archive).Length;
        // Check every entry before writing anything.
        var plan = new List<(ZipArchiveEntry Entry, string Path, bool IsFolder)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            string path = ResolveEntry(archive, staging, entry.FullName);
            if (!seen.Add(path.TrimEnd(Path.DirectorySeparatorChar)) && !entry.FullName.EndsWith('/'))
                throw new UnsafeArchiveException(archive, entry.FullName, "appears more than once in the archive (which copy is meant is ambiguous)");
            int unixType = (entry.ExternalAttributes >> 16) & 0xF000;
            if (unixType == 0xA000) throw new UnsafeArchiveException(archive, entry.FullName, "is a symbolic link (refused)");
            bool isFolder = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
            if (unixType != 0 && unixType != 0x8000 && unixType != 0x4000)
                throw new UnsafeArchiveException(archive, entry.FullName, $"is a special file (mode 0x{unixType:X4}), not a plain file or folder");
            plan.Add((entry, path, isFolder || unixType == 0x4000));
        }
        int files = 0;
        long expanded = 0;
        foreach (var (entry, path, isFolder) in plan)
        {
            if (isFolder)
            {
                Directory.CreateDirectory(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (Stream input = entry.Open())
            using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                limits.Copy(input, output, compressed, ref expanded, archive);
            files++;
        }
        return files;
    }

    private static int ExtractTar(string archive, string staging, bool gzip, DecompressionLimits limits)
    {
        using Stream file = File.OpenRead(archive);
        long compressed = file.Length;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(stream);
        int files = 0;
        long expanded = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            string path = ResolveEntry(archive, staging, entry.Name);
            // Headers count too: a tar of millions of empty entries is a bomb of its own.
            expanded += 512;
            limits.Check(expanded, compressed, archive);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (!seen.Add(path))
                        throw new UnsafeArchiveException(archive, entry.Name, "appears more than once in the archive (which copy is meant is ambiguous)");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                        if (entry.DataStream is { } data) limits.Copy(data, output, compressed, ref expanded, archive);
                    files++;
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw new UnsafeArchiveException(archive, entry.Name, $"is a {(entry.EntryType == TarEntryType.SymbolicLink ? "symbolic" : "hard")} link to '{entry.LinkName}' (refused)");
                case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                    break;
                default:
                    throw new UnsafeArchiveException(archive, entry.Name, $"has type {entry.EntryType}, not a plain file or folder");
            }
        }
        return files;
    }

    /// <summary>Moves the staged tree into <paramref name="target"/>, merging folders; refuses (before moving anything) to overwrite a file.</summary>
    private static void MoveInto(string staging, string target)
    {
        var files = Directory.GetFiles(staging, "*", SearchOption.AllDirectories);
        var conflicts = files.Select(f => Path.Combine(target, Path.GetRelativePath(staging, f))).Where(File.Exists).ToList();
        if (conflicts.Count > 0)
            throw new IOException($"{target}: {conflicts.Count} file(s) to extract already exist, e.g. {conflicts[0]}; remove them or extract elsewhere (nothing was moved).");
        foreach (string folder in Directory.GetDirectories(staging, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(staging, folder)));
        foreach (string file in files)
            File.Move(file, Path.Combine(target, Path.GetRelativePath(staging, file)));
    }
}
