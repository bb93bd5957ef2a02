using System.Diagnostics;
using System.Globalization;

namespace AnomalyLab.IO;

/// <summary>
/// Writes files so that readers see either the old content or the new, never half: data goes to a temporary
/// file in the same folder, is flushed, and is renamed over the target. Failed writes leave no temporary behind, and a
/// temporary left by a killed process is removed by <see cref="RemoveStaleTemporaries"/>.
/// Pipes, devices and symbolic links are never replaced (see <see cref="OutputPaths"/>): a link is followed and its
/// target written atomically; a pipe or device is written straight through.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>Runs <paramref name="write"/> against a temporary stream, then moves the result to <paramref name="path"/>.</summary>
    /// <exception cref="OutputRefusedException"><paramref name="path"/> names a folder.</exception>
    /// <exception cref="IOException">The write failed (e.g. a full disk or device); the message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        FileNode node = FileNode.Inspect(full);
        if (node.Kind == FileNodeKind.SymbolicLink)
        {
            // Never replace the link: write what it points to (a dangling link's target is created).
            full = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            node = FileNode.Inspect(full);
        }
        if (node.Kind == FileNodeKind.Directory) throw new OutputRefusedException(path, "is a folder; expected a file name to write.");
        if (node.IsSpecial)
        {
            WriteThrough(path, full, write);
            return;
        }
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(full)));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Deletes temporaries of <paramref name="fileName"/> in <paramref name="folder"/> (or of every file there when null) left by
    /// processes that no longer run (killed mid-write). Temporaries of running processes are kept.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStaleTemporaries(string folder, string? fileName = null)
    {
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, $".{fileName ?? "*"}.*{TemporarySuffix}"))
        {
            bool stale = IsStale(Path.GetFileName(file), TemporarySuffix)
                // Temporaries named before process ids were recorded (".name.GUID.tmp"): stale once a day old.
                || (IsUnownedTemporary(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddDays(-1));
            if (!stale) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // Another process removed or renamed it first: nothing left to clean.
            }
        }
        return removed;
    }

    /// <summary>A temporary name in the same folder: <c>.name.PID.GUID.tmp</c> (the writer's process id lets a later run tell stale ones).</summary>
    internal static string TemporaryName(string fileName) => StagingName(fileName, TemporarySuffix);

    /// <summary><c>.name.PID.GUID{suffix}</c>: a hidden sibling owned by this process.</summary>
    internal static string StagingName(string name, string suffix) =>
        $".{name}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}{suffix}";

    /// <summary>True when <paramref name="name"/> (<c>.name.PID.GUID{suffix}</c>) was made by a process that is no longer running.</summary>
    internal static bool IsStale(string name, string suffix)
    {
        if (!name.EndsWith(suffix, StringComparison.Ordinal)) return false;
        string[] parts = name[..^suffix.Length].Split('.');
        if (parts.Length < 4 || parts[^1].Length != 32) return false;
        if (!int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using Process process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static bool IsUnownedTemporary(string name)
    {
        string[] parts = name[..^TemporarySuffix.Length].Split('.');
        return parts.Length >= 3 && parts[^1].Length == 32 && parts[^1].All(char.IsAsciiHexDigit) && !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static void WriteThrough(string path, string full, Action<Stream> write)
    {
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(stream);
            stream.Flush();
        }
        catch (IOException e) when (e is not OutputRefusedException)
        {
            throw new IOException($"{path}: writing to this {FileNode.Inspect(full).Describe()} failed: {e.Message}", e);
        }
    }
}
