using System.Text.RegularExpressions;

namespace AnomalyLab.Notebooks;

/// <summary>
/// The kernel directives of a C# cell that the headless runner handles itself: <c>#r "nuget: Id[, version]"</c> (resolved to
/// the workbench's loaded assemblies, see <see cref="WorkbenchPackages"/>) and <c>#i "nuget: source"</c> (a package source;
/// nothing to do offline). They are blanked out, keeping line numbers, before Roslyn compiles the cell. <c>#r "file.dll"</c>
/// stays for Roslyn to resolve.
/// </summary>
public static partial class CellDirectives
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*(,\s*(?<version>[^"]*?))?\s*"\s*$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^\s*#i\s+"(?<source>[^"]*)"\s*$""")]
    private static partial Regex PackageSource();

    /// <summary>
    /// Splits <paramref name="source"/> into compilable code (directive lines blanked) and the packages it asked for.
    /// </summary>
    /// <exception cref="NotebookDirectiveException">A <c>#r "nuget:"</c> for a package the workbench does not ship.</exception>
    public static PreparedCell Prepare(string source)
    {
        string[] lines = CellMagic.WithoutFirstLineMagic(source).Replace("\r\n", "\n").Split('\n');
        var packages = new List<PackageReferenceDirective>();
        var sources = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match reference = NugetReference().Match(lines[i]);
            if (reference.Success)
            {
                string id = reference.Groups["id"].Value;
                string? assembly = WorkbenchPackages.AssemblyFor(id)
                    ?? throw new NotebookDirectiveException(
                        $"line {i + 1}: #r \"nuget: {id}\" asks for a package the workbench does not ship; the headless runner resolves only {string.Join(", ", WorkbenchPackages.Known)}.");
                string? version = reference.Groups["version"].Success && reference.Groups["version"].Value.Length > 0 ? reference.Groups["version"].Value : null;
                packages.Add(new PackageReferenceDirective(id, version, assembly));
                lines[i] = "";
                continue;
            }
            Match packageSource = PackageSource().Match(lines[i]);
            if (packageSource.Success)
            {
                sources.Add(packageSource.Groups["source"].Value);
                lines[i] = "";
            }
        }
        return new PreparedCell(string.Join('\n', lines), packages, sources);
    }
}

/// <summary>A <c>#r "nuget: Id, version"</c> line and the workbench assembly that satisfies it.</summary>
public sealed record PackageReferenceDirective(string PackageId, string? Version, string AssemblyName);

/// <summary>A cell ready for Roslyn: <see cref="Code"/> has the kernel-only directives blanked.</summary>
public sealed record PreparedCell(string Code, IReadOnlyList<PackageReferenceDirective> Packages, IReadOnlyList<string> PackageSources);

/// <summary>A kernel directive the headless runner cannot honour.</summary>
public sealed class NotebookDirectiveException(string message) : Exception(message);
