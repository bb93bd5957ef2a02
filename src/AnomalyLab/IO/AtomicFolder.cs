using System.Runtime.InteropServices;
using System.Text.Json;

namespace AnomalyLab.IO;

/// <summary>
/// Writes a whole output folder as one unit: it is filled aside (a hidden sibling), marked as ours with
/// <see cref="MarkerFileName"/>, and moved into place in one step, so a reader sees the old folder or the complete new one —
/// never a mix of runs, never a half-written one after a crash. An existing folder is replaced only when it carries the
/// marker (a previous run of ours) or when <c>force</c> is given; see <see cref="OutputPaths.CheckFolder"/>.
/// </summary>
public static partial class AtomicFolder
{
    /// <summary>The file that marks a folder as written by this workbench (JSON: the writer).</summary>
    public const string MarkerFileName = ".anomalylab-output";

    private const string StagingSuffix = ".partial";

    /// <summary>
    /// Fills a fresh staging folder with <paramref name="fill"/> (it receives the staging path and must write only there),
    /// then replaces <paramref name="folder"/> by it. On any failure the staging folder is deleted and
    /// <paramref name="folder"/> is left as it was. Staging folders of killed runs are removed first.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="writer">Who writes it, recorded in the marker, e.g. <c>anomalylab study</c>.</param>
    /// <param name="fill">Writes the folder's content into the given path.</param>
    /// <param name="force">Replace a folder that holds files we did not write.</param>
    /// <exception cref="OutputRefusedException">The folder is not ours (and no force), a link, or not a folder.</exception>
    public static void Write(string folder, string writer, Action<string> fill, bool force = false)
    {
        string full = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar) is { Length: > 0 } trimmed ? trimmed : folder);
        OutputPaths.CheckFolderState(full, force);
        string parent = Path.GetDirectoryName(full) ?? throw new OutputRefusedException(folder, "is a file-system root; give a folder below it.");
        string name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        RemoveStaleStaging(parent, name);
        string staging = Path.Combine(parent, AtomicFile.StagingName(name, StagingSuffix));
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            File.WriteAllText(Path.Combine(staging, MarkerFileName), JsonSerializer.Serialize(new { writer, written = DateTimeOffset.UtcNow }));
            OutputPaths.CheckFolderState(full, force);
            Replace(staging, full);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Deletes staging folders of <paramref name="name"/> in <paramref name="parent"/> left by processes that no longer run.</summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStaleStaging(string parent, string name)
    {
        if (!Directory.Exists(parent)) return 0;
        int removed = 0;
        foreach (string stale in Directory.EnumerateDirectories(parent, $".{name}.*{StagingSuffix}"))
        {
            if (!AtomicFile.IsStale(Path.GetFileName(stale), StagingSuffix)) continue;
            try
            {
                Directory.Delete(stale, recursive: true);
                removed++;
            }
            catch (DirectoryNotFoundException)
            {
                // Removed by another run first.
            }
        }
        return removed;
    }

    /// <summary>Moves <paramref name="staging"/> to <paramref name="target"/>; an existing target is swapped out atomically and deleted.</summary>
    private static void Replace(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        if (OperatingSystem.IsLinux() && Exchange(staging, target))
        {
            // staging now holds the previous folder; the caller's finally deletes it.
            return;
        }
        // No atomic exchange (not Linux, or a file system without RENAME_EXCHANGE): two renames, the old one kept aside until the new one is in place.
        string old = Path.Combine(Path.GetDirectoryName(target)!, AtomicFile.StagingName(Path.GetFileName(target), StagingSuffix));
        Directory.Move(target, old);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        Directory.Delete(old, recursive: true);
    }

    private static bool Exchange(string a, string b)
    {
        const int AtFdCwd = -100;
        const uint RenameExchange = 2;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
