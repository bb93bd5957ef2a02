using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

/// <summary>
/// Every notebook in notebooks/ runs in the real .NET Interactive kernel (the tool pinned in .config/dotnet-tools.json, working
/// directory notebooks/, as VS Code starts it) with every code cell succeeding: on its default data, and on ../shared/data when
/// it takes a data folder. A notebook that uses something the kernel lacks (a missing using, an assembly the kernel cannot
/// load, a native library it cannot find) fails here.
/// </summary>
public sealed class NotebookSuiteTests
{
    [Fact]
    public void The_repository_has_notebooks() => Assert.Contains("00-getting-started.ipynb", NotebookRuns.Names());

    [Theory]
    [MemberData(nameof(NotebookRuns.All), MemberType = typeof(NotebookRuns))]
    public void Notebook_runs_on_its_default_data(string notebook)
    {
        var (result, html) = NotebookRuns.Executed(notebook);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.True(File.Exists(html), html);
        var codeCells = result.Executed.Cells.Where(cell => cell.Kind == AnomalyLab.Notebooks.NotebookCellKind.Code).ToArray();
        Assert.All(codeCells, cell => Assert.NotNull(cell.ExecutionCount));
        Assert.All(codeCells, cell => Assert.DoesNotContain(cell.Outputs, output => output is AnomalyLab.Notebooks.ErrorOutput));
    }

    [Fact]
    public void Notebooks_load_the_workbench_the_kernel_way_without_machine_paths()
    {
        foreach (string name in NotebookRuns.Names())
        {
            var notebook = AnomalyLab.Notebooks.NotebookDocument.Load(Path.Combine(RepoPaths.Root, "notebooks", name));
            string text = string.Join("\n", notebook.Cells.Select(cell => cell.Source));
            Assert.Contains("#r \"nuget: AnomalyLab, *-*\"", text);
            Assert.DoesNotContain("#i \"nuget:", text);
            Assert.DoesNotContain("NotebookFormatters.Register()", text);
            Assert.DoesNotContain(RepoPaths.Root, text);
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(NotebookRuns.TakingData), MemberType = typeof(NotebookRuns))]
    public void Notebook_that_takes_a_data_folder_runs_on_the_shared_data(string notebook)
    {
        var (result, _) = NotebookRuns.Executed(notebook, sharedData: true);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.DoesNotContain("data", result.UnusedParameters);
    }
}
