using System.Diagnostics;
using System.IO.Compression;

namespace AnomalyLab.Tests.TestSupport;

/// <summary>
/// Makes sure <c>artifacts/packages</c> holds a package of the library these tests were built with, as a user's
/// <c>dotnet pack -c Release</c> would, so notebooks run in the real kernel load this code and not an older pack.
/// Packs (without building) only when the newest package there carries a different <c>AnomalyLab.dll</c>.
/// </summary>
public static class WorkbenchPackage
{
    private static readonly Lazy<string> Packed = new(PackIfStale);

    /// <summary>The local feed (<c>artifacts/packages</c>) that notebooks/nuget.config names.</summary>
    public static string Feed => Path.Combine(RepoPaths.Root, "artifacts", "packages");

    /// <summary>Ensures the feed is current (once per test process) and returns the path of the package in use.</summary>
    public static string EnsurePacked() => Packed.Value;

    private static string PackIfStale()
    {
        string built = typeof(AnomalyLab.Notebooks.NotebookRunner).Assembly.Location;
        string? newest = Newest();
        if (newest != null && SameAssembly(newest, built)) return newest;
        string project = Path.Combine(RepoPaths.Root, "src", "AnomalyLab", "AnomalyLab.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["pack", project, "-c", "Release", "--no-build", "--no-restore", "-nologo"]) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        newest = Newest() ?? throw new InvalidOperationException($"dotnet pack wrote no package into {Feed}:\n{output.Result}");
        if (!SameAssembly(newest, built))
            throw new InvalidOperationException($"{newest}: packed AnomalyLab.dll differs from the tested {built} (build the library in Release first).");
        return newest;
    }

    private static string? Newest() => Directory.Exists(Feed)
        ? Directory.GetFiles(Feed, "AnomalyLab.0.*.nupkg").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
        : null;

    private static bool SameAssembly(string package, string assembly)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry? entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/AnomalyLab.dll", StringComparison.Ordinal));
        if (entry == null || entry.Length != new FileInfo(assembly).Length) return false;
        using Stream packed = entry.Open();
        using var copy = new MemoryStream();
        packed.CopyTo(copy);
        return copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(assembly));
    }
}
