using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AnomalyLab.Notebooks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

/// <summary>
/// The repository's notebooks (every <c>notebooks/*.ipynb</c>, so notebooks added later are run too), each executed in the
/// real kernel once per test process and shared by the tests that need the output (suite, browser rendering).
/// </summary>
public static partial class NotebookRuns
{
    private static readonly ConcurrentDictionary<(string, bool), Lazy<(NotebookRunResult Result, string Html)>> Runs = new();
    private static readonly string OutputRoot = Path.Combine(Path.GetTempPath(), "anomalylab-tests", "notebook-runs-" + Environment.ProcessId);

    /// <summary>File names of the notebooks in notebooks/, sorted.</summary>
    public static TheoryData<string> All() => new(Names());

    /// <summary>File names of the notebooks in notebooks/, sorted.</summary>
    public static string[] Names() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>True when the notebook's parameters cell declares a <c>data</c> variable (it can run on ../shared/data).</summary>
    public static bool TakesDataParameter(string name) =>
        NotebookDocument.Load(Path.Combine(RepoPaths.Root, "notebooks", name)).Cells
            .Any(cell => cell.Tags.Contains("parameters") && DataDeclaration().IsMatch(cell.Source));

    /// <summary>File names of the notebooks whose parameters cell declares <c>data</c>, sorted.</summary>
    public static TheoryData<string> TakingData()
    {
        return new TheoryData<string>(Names().Where(TakesDataParameter));
    }

    /// <summary>
    /// Runs (once) notebooks/<paramref name="name"/> in the real .NET Interactive kernel, on its default data or on
    /// ../shared/data, after making sure artifacts/packages holds the library under test.
    /// </summary>
    public static (NotebookRunResult Result, string Html) Executed(string name, bool sharedData = false) =>
        Runs.GetOrAdd((name, sharedData), key => new Lazy<(NotebookRunResult, string)>(() =>
        {
            WorkbenchPackage.EnsurePacked();
            string folder = Path.Combine(OutputRoot, sharedData ? "shared-data" : "default");
            var parameters = sharedData ? new Dictionary<string, string> { ["data"] = RepoPaths.SharedData } : [];
            NotebookRunResult result = NotebookRunner.RunFileAsync(Path.Combine(RepoPaths.Root, "notebooks", key.Item1), folder, new NotebookRunOptions { Parameters = parameters })
                .GetAwaiter().GetResult();
            return (result, Path.Combine(folder, Path.ChangeExtension(key.Item1, ".html")));
        })).Value;

    [GeneratedRegex(@"\bdata\s*=")]
    private static partial Regex DataDeclaration();
}
