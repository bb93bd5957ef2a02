using System.Formats.Tar;
using System.IO.Compression;

namespace AnomalyLab.Data;

/// <summary>
/// Extracts <c>.zip</c>, <c>.tar</c> and <c>.tar.gz</c>/<c>.tgz</c> archives safely: every entry must land inside the
/// destination (no absolute paths, no <c>..</c> escape — zip-slip), symbolic/hard links and device entries are refused,
/// and everything is extracted into a temporary folder first and moved into place only when the whole archive succeeded
/// and no file would be overwritten.
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
    public static int Extract(string archivePath, string destination)
    {
        string archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive)) throw new FileNotFoundException($"{archive}: archive not found.", archive);
        string target = Path.GetFullPath(destination);
        Directory.CreateDirectory(target);
        string staging = Path.Combine(target, $".extract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            string lower = archive.ToLowerInvariant();
            int files = lower.EndsWith(".zip") ? ExtractZip(archive, staging)
                : lower.EndsWith(".tar.gz") || lower.EndsWith(".tgz") ? ExtractTar(archive, staging, gzip: true)
                : lower.EndsWith(".tar") ? ExtractTar(archive, staging, gzip: false)
                : throw new InvalidDataException($"{archive}: unknown archive type; expected .zip, .tar, .tar.gz or .tgz.");
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

    private static int ExtractZip(string archive, string staging)
    {
        using ZipArchive zip = ZipFile.OpenRead(archive);
        // Check every entry before writing anything.
        var plan = new List<(ZipArchiveEntry Entry, string Path, bool IsFolder)>();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            string path = ResolveEntry(archive, staging, entry.FullName);
            int unixType = (entry.ExternalAttributes >> 16) & 0xF000;
            if (unixType == 0xA000) throw new UnsafeArchiveException(archive, entry.FullName, "is a symbolic link (refused)");
            bool isFolder = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
            if (unixType != 0 && unixType != 0x8000 && unixType != 0x4000)
                throw new UnsafeArchiveException(archive, entry.FullName, $"is a special file (mode 0x{unixType:X4}), not a plain file or folder");
            plan.Add((entry, path, isFolder || unixType == 0x4000));
        }
        int files = 0;
        foreach (var (entry, path, isFolder) in plan)
        {
            if (isFolder)
            {
                Directory.CreateDirectory(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: false);
            files++;
        }
        return files;
    }

    private static int ExtractTar(string archive, string staging, bool gzip)
    {
        using Stream file = File.OpenRead(archive);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(stream);
        int files = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            string path = ResolveEntry(archive, staging, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                        entry.DataStream?.CopyTo(output);
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
