using System.Text.Json.Nodes;

namespace AnomalyLab.Notebooks;

/// <summary>
/// Finds the .NET Interactive kernel (<c>Microsoft.dotnet-interactive</c>, the tool VS Code's Polyglot extension runs).
/// In order: the <c>ANOMALYLAB_KERNEL</c> environment variable (a <c>dotnet-interactive</c> executable or its
/// <c>Microsoft.DotNet.Interactive.App.dll</c>); a local tool manifest (<c>.config/dotnet-tools.json</c>) naming the tool,
/// searched upwards from the notebook's folder and then from the current directory, run with <c>dotnet tool run</c>;
/// a <c>dotnet-interactive</c> on <c>PATH</c> (a global tool).
/// </summary>
public static class KernelLocator
{
    /// <summary>The tool's package id.</summary>
    public const string ToolPackageId = "microsoft.dotnet-interactive";

    /// <summary>The kernel version the workbench is tested with (the repository's tool manifest pins it).</summary>
    public const string TestedVersion = "1.0.712001";

    /// <summary>Environment variable that names the kernel to run.</summary>
    public const string EnvironmentVariable = "ANOMALYLAB_KERNEL";

    /// <summary>What to do when no kernel is found.</summary>
    public static string InstallHint =>
        $"Install the kernel: `dotnet tool restore` in the AnomalyLab repository (its tool manifest pins {ToolPackageId} {TestedVersion}), " +
        $"or `dotnet tool install -g Microsoft.dotnet-interactive --version {TestedVersion}`, or set {EnvironmentVariable}.";

    /// <summary>The command that starts the kernel for a notebook in <paramref name="notebookFolder"/>.</summary>
    /// <exception cref="KernelUnavailableException">None of the places above has it.</exception>
    public static KernelCommandLine Locate(string notebookFolder)
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!File.Exists(configured)) throw new KernelUnavailableException($"{configured}: {EnvironmentVariable} names no file.");
            return configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new KernelCommandLine("dotnet", [configured], null)
                : new KernelCommandLine(configured, [], null);
        }
        foreach (string start in (string[])[notebookFolder, Environment.CurrentDirectory])
        {
            string? root = ManifestRoot(start);
            if (root != null) return new KernelCommandLine("dotnet", ["tool", "run", "dotnet-interactive", "--"], root);
        }
        string? onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive"))
            .FirstOrDefault(File.Exists);
        if (onPath != null) return new KernelCommandLine(onPath, [], null);
        throw new KernelUnavailableException($"{Path.GetFullPath(notebookFolder)}: no .NET Interactive kernel found. {InstallHint}");
    }

    /// <summary>The folder whose local tool manifest names the kernel, searching upwards from <paramref name="folder"/>; null if none.</summary>
    public static string? ManifestRoot(string folder)
    {
        for (DirectoryInfo? current = new(Path.GetFullPath(folder)); current != null; current = current.Parent)
        {
            foreach (string manifest in (string[])[Path.Combine(current.FullName, ".config", "dotnet-tools.json"), Path.Combine(current.FullName, "dotnet-tools.json")])
            {
                if (File.Exists(manifest) && NamesKernel(manifest)) return current.FullName;
            }
        }
        return null;
    }

    private static bool NamesKernel(string manifest)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(manifest))?["tools"] is JsonObject tools
                && tools.Any(tool => string.Equals(tool.Key, ToolPackageId, StringComparison.OrdinalIgnoreCase));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}

/// <summary>
/// A command that starts the kernel: <paramref name="FileName"/> with <paramref name="Arguments"/> (the <c>stdio</c>
/// arguments follow), launched in <paramref name="LaunchDirectory"/> when set (where <c>dotnet tool run</c> finds its manifest).
/// </summary>
public sealed record KernelCommandLine(string FileName, IReadOnlyList<string> Arguments, string? LaunchDirectory)
{
    /// <inheritdoc />
    public override string ToString() => string.Join(' ', new[] { FileName }.Concat(Arguments));
}
