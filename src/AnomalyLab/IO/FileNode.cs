using System.Runtime.InteropServices;

namespace AnomalyLab.IO;

/// <summary>What a path names, without following a final symbolic link.</summary>
public enum FileNodeKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (to anything, or dangling).</summary>
    SymbolicLink,

    /// <summary>A named pipe (FIFO).</summary>
    Pipe,

    /// <summary>A character device such as <c>/dev/null</c> or <c>/dev/full</c>.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}

/// <summary>
/// The kind and identity (device, inode) of a path, read with Linux <c>statx</c> (its record layout is the same on every
/// architecture); elsewhere the kind comes from .NET file attributes and the identity from the full path.
/// Two paths name the same file when their identities are equal — hard links and symbolic links included.
/// </summary>
/// <param name="Path">The path as given.</param>
/// <param name="Kind">What the path names (a final symbolic link is not followed).</param>
/// <param name="Identity">Device and inode as "dev:ino" (Linux), else the full path; null when missing.</param>
public sealed partial record FileNode(string Path, FileNodeKind Kind, string? Identity)
{
    /// <summary>True for pipes, devices and sockets: things that must never be replaced by a regular file.</summary>
    public bool IsSpecial => Kind is FileNodeKind.Pipe or FileNodeKind.CharacterDevice or FileNodeKind.BlockDevice or FileNodeKind.Socket;

    /// <summary>Inspects <paramref name="path"/> without following a final symbolic link.</summary>
    public static FileNode Inspect(string path) => Inspect(path, followLink: false);

    /// <summary>Inspects what <paramref name="path"/> finally names, following symbolic links (a dangling link is <see cref="FileNodeKind.Missing"/>).</summary>
    public static FileNode InspectTarget(string path) => Inspect(path, followLink: true);

    /// <summary>A short phrase for messages: "a named pipe", "a character device", …</summary>
    public string Describe() => Kind switch
    {
        FileNodeKind.Missing => "missing",
        FileNodeKind.Regular => "a regular file",
        FileNodeKind.Directory => "a folder",
        FileNodeKind.SymbolicLink => "a symbolic link",
        FileNodeKind.Pipe => "a named pipe (FIFO)",
        FileNodeKind.CharacterDevice => "a character device",
        FileNodeKind.BlockDevice => "a block device",
        _ => "a socket",
    };

    private static FileNode Inspect(string path, bool followLink)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (OperatingSystem.IsLinux()) return InspectLinux(path, full, followLink);
        var info = new FileInfo(full);
        if (info.LinkTarget != null && !followLink) return new FileNode(path, FileNodeKind.SymbolicLink, full);
        if (followLink && info.LinkTarget != null)
        {
            FileSystemInfo? target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target == null || !target.Exists) return new FileNode(path, FileNodeKind.Missing, null);
            full = target.FullName;
        }
        if (Directory.Exists(full)) return new FileNode(path, FileNodeKind.Directory, full);
        return File.Exists(full) ? new FileNode(path, FileNodeKind.Regular, full) : new FileNode(path, FileNodeKind.Missing, null);
    }

    private static FileNode InspectLinux(string path, string full, bool followLink)
    {
        const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
        const uint StatxType = 0x1, StatxIno = 0x100;
        Span<byte> buffer = stackalloc byte[256];
        int result = Statx(AtFdCwd, full, followLink ? 0 : AtSymlinkNoFollow, StatxType | StatxIno, ref MemoryMarshal.GetReference(buffer));
        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int ENOENT = 2, ENOTDIR = 20, ELOOP = 40;
            if (errno is ENOENT or ENOTDIR or ELOOP) return new FileNode(path, FileNodeKind.Missing, null);
            throw new IOException($"{path}: cannot inspect ({Marshal.GetPInvokeErrorMessage(errno)}).");
        }
        // struct statx: stx_mode (u16) at byte 28, stx_ino (u64) at 32, stx_dev_major/minor (u32) at 136/140.
        int mode = BitConverter.ToUInt16(buffer[28..]);
        ulong inode = BitConverter.ToUInt64(buffer[32..]);
        uint major = BitConverter.ToUInt32(buffer[136..]), minor = BitConverter.ToUInt32(buffer[140..]);
        FileNodeKind kind = (mode & 0xF000) switch
        {
            0x8000 => FileNodeKind.Regular,
            0x4000 => FileNodeKind.Directory,
            0xA000 => FileNodeKind.SymbolicLink,
            0x1000 => FileNodeKind.Pipe,
            0x2000 => FileNodeKind.CharacterDevice,
            0x6000 => FileNodeKind.BlockDevice,
            _ => FileNodeKind.Socket,
        };
        return new FileNode(path, kind, $"{major}:{minor}:{inode}");
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
