namespace AnomalyLab.Notebooks;

/// <summary>
/// The NuGet packages a notebook may ask for with <c>#r "nuget: …"</c> and that the headless runner satisfies with the
/// workbench's own, already-loaded assemblies (it never downloads anything). Keys are package ids, values the
/// assembly that package provides.
/// </summary>
public static class WorkbenchPackages
{
    private static readonly Dictionary<string, string> AssemblyByPackage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AnomalyLab"] = "AnomalyLab",
        ["TorchSharp"] = "TorchSharp",
        ["TorchSharp-cpu"] = "TorchSharp",
        ["TorchSharp-cuda-linux"] = "TorchSharp",
        ["TorchSharp-cuda-windows"] = "TorchSharp",
        ["Plotly.NET"] = "Plotly.NET",
        ["Plotly.NET.CSharp"] = "Plotly.NET.CSharp",
        // The kernel extension only adds a GenericChart formatter; NotebookFormatters.Register provides the same here.
        ["Plotly.NET.Interactive"] = "Plotly.NET",
        ["Microsoft.Data.Analysis"] = "Microsoft.Data.Analysis",
        ["MathNet.Numerics"] = "MathNet.Numerics",
        ["Microsoft.DotNet.Interactive.Formatting"] = "Microsoft.DotNet.Interactive.Formatting",
        ["Spectre.Console"] = "Spectre.Console",
        ["FSharp.Core"] = "FSharp.Core",
    };

    /// <summary>Package ids the runner can resolve, sorted.</summary>
    public static IReadOnlyList<string> Known => AssemblyByPackage.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>The assembly that satisfies <paramref name="packageId"/>, or null when the workbench does not ship it.</summary>
    public static string? AssemblyFor(string packageId) => AssemblyByPackage.GetValueOrDefault(packageId.Trim());
}
