using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

/// <summary>Every notebook in notebooks/ runs headless without error: on its default data, and on ../shared/data when it takes a data folder.</summary>
public sealed class NotebookSuiteTests
{
    [Fact]
    public void The_repository_has_notebooks() => Assert.Contains("00-getting-started.ipynb", NotebookRuns.All().Cast<object[]>().Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(NotebookRuns.All), MemberType = typeof(NotebookRuns))]
    public void Notebook_runs_on_its_default_data(string notebook)
    {
        var (result, html) = NotebookRuns.Executed(notebook);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.True(File.Exists(html), html);
    }

    [SharedDataTheory]
    [MemberData(nameof(NotebookRuns.All), MemberType = typeof(NotebookRuns))]
    public void Notebook_that_takes_a_data_folder_runs_on_the_shared_data(string notebook)
    {
        if (!NotebookRuns.TakesDataParameter(notebook)) return;
        var (result, _) = NotebookRuns.Executed(notebook, sharedData: true);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.DoesNotContain("data", result.UnusedParameters);
    }
}
