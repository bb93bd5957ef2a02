namespace AnomalyLab.Data;

/// <summary>What the feature cache did for one machine type and split.</summary>
public enum CacheStatus
{
    /// <summary>No cache entry existed: features were extracted and stored.</summary>
    Built,

    /// <summary>A valid cache entry was loaded.</summary>
    Loaded,

    /// <summary>A cache entry existed but was stale or corrupt (see <see cref="CacheOutcome.Reason"/>): rebuilt.</summary>
    Rebuilt,

    /// <summary>Caching is off: features were extracted in memory only.</summary>
    Disabled,
}

/// <summary>The cache's decision for one (machine type, split), with the reason when it rebuilt.</summary>
/// <param name="MachineType">Machine type.</param>
/// <param name="Split">Split.</param>
/// <param name="Status">What happened.</param>
/// <param name="Reason">Why a rebuild happened (names the file or option), else null.</param>
/// <param name="ArrayPath">The cache's <c>.npy</c> file (null when disabled).</param>
public sealed record CacheOutcome(string MachineType, DataSplit Split, CacheStatus Status, string? Reason, string? ArrayPath)
{
    /// <summary>One line for logs.</summary>
    public override string ToString() => $"{MachineType}/{Split.ToString().ToLowerInvariant()}: {Status.ToString().ToLowerInvariant()}" + (Reason != null ? $" ({Reason})" : "");
}
