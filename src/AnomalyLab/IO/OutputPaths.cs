using System.Runtime.InteropServices;

namespace AnomalyLab.IO;

/// <summary>
/// The one output-path policy every writer and command follows, checked before any work so a refused run costs nothing:
/// <list type="bullet">
/// <item>an output that is one of the command's inputs (same file through any link, or a folder holding an input) is refused;</item>
/// <item>pipes, devices and symbolic links are never replaced: <see cref="AtomicFile"/> writes through them to what they name;</item>
/// <item>an output folder that holds files this workbench did not write (no <see cref="AtomicFolder.MarkerFileName"/>) is refused
/// unless the caller passes <c>force</c> (the CLI's <c>--force</c>); a folder that is a link or not a folder is always refused.</item>
/// </list>
/// </summary>
public static partial class OutputPaths
{
    /// <summary>
    /// Checks an output file: refused when it (following links) is the same file as one of <paramref name="inputs"/>
    /// (files or folders; null entries are ignored) or names a folder.
    /// </summary>
    /// <exception cref="OutputRefusedException">The output must not be written.</exception>
    public static void CheckFile(string output, IEnumerable<string?> inputs)
    {
        FileNode target = FileNode.InspectTarget(output);
        if (target.Kind == FileNodeKind.Directory)
            throw new OutputRefusedException(output, "is a folder; expected a file name to write.");
        if (target.Identity is null) return;
        foreach (string? input in inputs)
        {
            if (input is null) continue;
            if (FileNode.InspectTarget(input).Identity == target.Identity)
                throw new OutputRefusedException(output, $"is also an input of this command ({input}); refusing to overwrite it — choose another output.");
        }
    }

    /// <summary>
    /// Checks an output folder written as one unit by <see cref="AtomicFolder.Write"/>: refused when it is not a folder, is a
    /// symbolic link, is or holds one of <paramref name="inputs"/> (even with <paramref name="force"/>), or holds files this
    /// workbench did not write and <paramref name="force"/> is false.
    /// </summary>
    /// <exception cref="OutputRefusedException">The folder must not be replaced.</exception>
    public static void CheckFolder(string folder, IEnumerable<string?> inputs, bool force)
    {
        string canonical = Canonical(folder);
        foreach (string? input in inputs)
        {
            if (input is null || FileNode.InspectTarget(input).Kind == FileNodeKind.Missing) continue;
            string other = Canonical(input);
            if (IsSameOrInside(other, canonical))
                throw new OutputRefusedException(folder, $"holds an input of this command ({input}); replacing the folder would delete it — choose another output folder.");
        }
        CheckFolderState(folder, force);
    }

    /// <summary>The state checks of <see cref="CheckFolder"/> without inputs (run again just before a folder is replaced).</summary>
    /// <exception cref="OutputRefusedException">The folder must not be replaced.</exception>
    internal static void CheckFolderState(string folder, bool force)
    {
        FileNode node = FileNode.Inspect(folder);
        switch (node.Kind)
        {
            case FileNodeKind.Missing:
                return;
            case FileNodeKind.SymbolicLink:
                throw new OutputRefusedException(folder, "is a symbolic link; an output folder is replaced as a whole, so give the folder it points to, or a new path.");
            case FileNodeKind.Directory:
                break;
            default:
                throw new OutputRefusedException(folder, $"is {node.Describe()}, not a folder; give a new or empty folder path.");
        }
        if (force || File.Exists(Path.Combine(folder, AtomicFolder.MarkerFileName))) return;
        string? foreign = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).FirstOrDefault();
        if (foreign is not null)
            throw new OutputRefusedException(folder, $"holds files anomalylab did not write (e.g. '{foreign}'); choose a new or empty folder, or pass --force to replace the whole folder.");
    }

    /// <summary>The absolute path with every symbolic link resolved (as far as the path exists; the rest is appended).</summary>
    public static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux()) return full;
        string existing = full;
        string rest = "";
        while (FileNode.InspectTarget(existing).Kind == FileNodeKind.Missing)
        {
            string? parent = Path.GetDirectoryName(existing);
            if (parent is null) return full;
            rest = rest.Length == 0 ? Path.GetFileName(existing) : Path.Combine(Path.GetFileName(existing), rest);
            existing = parent;
        }
        IntPtr resolved = RealPath(existing, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return full;
        try
        {
            string real = Marshal.PtrToStringUTF8(resolved)!;
            return rest.Length == 0 ? real : Path.Combine(real, rest);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it (both canonical).</summary>
    internal static bool IsSameOrInside(string path, string folder)
    {
        string withSeparator = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path == folder || path.StartsWith(withSeparator, StringComparison.Ordinal);
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
