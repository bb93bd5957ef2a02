namespace AnomalyLab.Data;

/// <summary>An archive entry that would escape the destination (zip-slip), is a link, or is not a plain file/folder.</summary>
public sealed class UnsafeArchiveException : IOException
{
    /// <summary>Creates the exception for entry <paramref name="entry"/> of <paramref name="archive"/>.</summary>
    public UnsafeArchiveException(string archive, string entry, string problem)
        : base($"{archive}: entry '{entry}' {problem}; nothing was extracted.")
    {
        ArchivePath = archive;
        Entry = entry;
    }

    /// <summary>The archive file.</summary>
    public string ArchivePath { get; }

    /// <summary>The offending entry name.</summary>
    public string Entry { get; }
}
