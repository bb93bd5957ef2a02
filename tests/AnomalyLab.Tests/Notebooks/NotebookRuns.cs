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
    private const string RunFolderPrefix = "notebook-runs-";
    private static readonly string OutputRoot = Path.Combine(Path.GetTempPath(), "anomalylab-tests", RunFolderPrefix + Environment.ProcessId);

    static NotebookRuns() => RemoveRunsOfEndedProcesses(Path.GetDirectoryName(OutputRoot)!);

    /// <summary>
    /// Deletes the output folders of earlier test processes that have ended (kept while a test run lives, for the tests that
    /// read them; ~150 MB per run, so without this every local suite run would leave one behind).
    /// </summary>
    internal static void RemoveRunsOfEndedProcesses(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (string folder in Directory.GetDirectories(parent, RunFolderPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)[RunFolderPrefix.Length..], out int pid) || pid == Environment.ProcessId || IsAlive(pid)) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

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
