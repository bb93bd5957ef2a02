namespace AnomalyLab.Data;

/// <summary>Verdict of one row of a manifest check.</summary>
public enum VerifyStatus
{
    /// <summary>As the manifest says.</summary>
    Ok,

    /// <summary>The manifest states no count: found files reported, not judged.</summary>
    Unknown,

    /// <summary>Fewer than expected but some (a partial copy or sample).</summary>
    Partial,

    /// <summary>None of the expected files (folder or group absent).</summary>
    Missing,

    /// <summary>More than expected.</summary>
    Extra,

    /// <summary>Clips of a group the manifest does not list.</summary>
    Unexpected,

    /// <summary>Files that follow no naming convention.</summary>
    Unmatched,

    /// <summary>Files whose header cannot be decoded.</summary>
    Unreadable,

    /// <summary>Readable audio with another sample rate / channel count / sample size than the manifest says.</summary>
    WrongFormat,

    /// <summary>Files whose checksum differs from the published one.</summary>
    ChecksumMismatch,
}

/// <summary>One line of the verification table.</summary>
/// <param name="Part">Manifest part folder ("." for the root).</param>
/// <param name="Item">What was counted, e.g. <c>fan/train/normal</c>.</param>
/// <param name="Expected">Expected count, or null when the manifest does not state one.</param>
/// <param name="Found">Count found.</param>
/// <param name="Status">Verdict.</param>
/// <param name="Detail">Examples of the problem (paths and messages), or null.</param>
public sealed record VerifyRow(string Part, string Item, int? Expected, int Found, VerifyStatus Status, string? Detail = null);

/// <summary>The result of checking a local copy against a manifest.</summary>
/// <param name="Root">The verified folder.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="Rows">One row per count, file list, format or checksum check.</param>
public sealed record VerifyReport(string Root, DataManifest Manifest, IReadOnlyList<VerifyRow> Rows)
{
    /// <summary>
    /// True when no row fails. <paramref name="allowPartial"/> accepts <see cref="VerifyStatus.Partial"/> and
    /// <see cref="VerifyStatus.Missing"/> rows (a copy holding only some of the dataset), never damaged or foreign files.
    /// </summary>
    public bool Passed(bool allowPartial = false) => Rows.All(r => r.Status is VerifyStatus.Ok or VerifyStatus.Unknown
        || (allowPartial && r.Status is VerifyStatus.Partial or VerifyStatus.Missing));

    /// <summary>True when some expected files are absent (the copy is partial).</summary>
    public bool IsPartial => Rows.Any(r => r.Status is VerifyStatus.Partial or VerifyStatus.Missing);
}
