namespace AnomalyLab.Tests.TestSupport;

/// <summary>Locations the tests need: the repository root, the committed goldens, and the read-only shared data.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        string? folder = AppContext.BaseDirectory;
        while (folder != null && !File.Exists(Path.Combine(folder, "AnomalyLab.sln"))) folder = Path.GetDirectoryName(folder);
        return folder ?? throw new InvalidOperationException($"AnomalyLab.sln not found above {AppContext.BaseDirectory}.");
    });

    /// <summary>The folder holding AnomalyLab.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>Golden values committed under tests/AnomalyLab.Tests/Goldens (made by the scripts in tests/goldens).</summary>
    public static string Goldens(params string[] parts) => Path.Combine([Root, "tests", "AnomalyLab.Tests", "Goldens", .. parts]);

    /// <summary>
    /// The real recordings (DCASE 2020/2023, MIMII, CWRU) at ../shared/data beside the clone, or $ANOMALYLAB_SHARED_DATA.
    /// </summary>
    public static string SharedData
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable("ANOMALYLAB_SHARED_DATA");
            return !string.IsNullOrEmpty(overridden) ? overridden : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
        }
    }

    /// <summary>True when the shared data folder is present.</summary>
    public static bool SharedDataAvailable => Directory.Exists(SharedData);

    /// <summary>A path inside the shared data folder.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedData, .. parts]);
}

/// <summary>A fact that needs ../shared/data: skipped, with the reason shown, only where that folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!RepoPaths.SharedDataAvailable) Skip = $"real data folder {RepoPaths.SharedData} is absent (fresh clone without ../shared): real-data test skipped";
    }
}

/// <summary>A theory that needs ../shared/data: skipped, with the reason shown, only where that folder is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!RepoPaths.SharedDataAvailable) Skip = $"real data folder {RepoPaths.SharedData} is absent (fresh clone without ../shared): real-data test skipped";
    }
}

/// <summary>A fact that needs Linux (ELF files, the TorchSharp linux-x64 native library): skipped, with the reason shown, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = $"needs Linux (ELF shared libraries); running on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
