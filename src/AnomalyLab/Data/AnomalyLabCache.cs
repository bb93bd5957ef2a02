namespace AnomalyLab.Data;

/// <summary>
/// Where AnomalyLab keeps regenerable data: <c>$ANOMALYLAB_CACHE</c> if set, else <c>$XDG_CACHE_HOME/anomalylab</c>,
/// else <c>~/.cache/anomalylab</c>. Everything under it can be deleted at any time.
/// </summary>
public static class AnomalyLabCache
{
    /// <summary>The cache root (not created).</summary>
    public static string Root
    {
        get
        {
            string? explicitRoot = Environment.GetEnvironmentVariable("ANOMALYLAB_CACHE");
            if (!string.IsNullOrEmpty(explicitRoot)) return Path.GetFullPath(explicitRoot);
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string baseFolder = !string.IsNullOrEmpty(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(Path.GetFullPath(baseFolder), "anomalylab");
        }
    }

    /// <summary>Default feature cache folder: <c>&lt;root&gt;/features</c>.</summary>
    public static string Features => Path.Combine(Root, "features");

    /// <summary>Default folder of generated synthetic datasets: <c>&lt;root&gt;/synthetic</c>.</summary>
    public static string Synthetic => Path.Combine(Root, "synthetic");
}
