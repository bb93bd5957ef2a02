using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

public sealed class NotebookRunsTests
{
    [Fact]
    public void Output_folders_of_ended_test_processes_are_removed_and_live_ones_kept()
    {
        using var folder = new TempFolder();
        string ended = Directory.CreateDirectory(folder.File("notebook-runs-2147483646")).FullName;   // above any pid_max
        File.WriteAllText(Path.Combine(ended, "01.html"), "x");
        string own = Directory.CreateDirectory(folder.File($"notebook-runs-{Environment.ProcessId}")).FullName;
        string other = Directory.CreateDirectory(folder.File("something-else")).FullName;

        NotebookRuns.RemoveRunsOfEndedProcesses(folder.Path);

        Assert.False(Directory.Exists(ended));
        Assert.True(Directory.Exists(own));
        Assert.True(Directory.Exists(other));
    }
}
