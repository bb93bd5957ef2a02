using AnomalyLab.Notebooks;
using AnomalyLab.Tests.Cli;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

/// <summary>The <c>anomalylab notebook run</c> command as a user runs it: a separate process, exit code and messages.</summary>
public sealed class NotebookCommandTests
{
    [Fact]
    public void Failing_cell_exits_non_zero_with_cell_number_first_lines_and_error()
    {
        using var folder = new TempFolder();
        string path = folder.File("broken.ipynb");
        NotebookDocument.Create("broken", [
            NotebookCell.Code("var threshold = 3;", "parameters"),
            NotebookCell.Code("Console.WriteLine(threshold);"),
            NotebookCell.Code("var ratio = threshold / 0.5;\nthrow new System.IO.FileNotFoundException(\"clip missing\");"),
        ]).Save(path);
        var (exitCode, output, error) = CliRunner.Run("notebook", "run", path, "--out", folder.File("out"), "--param", "threshold=9");
        Assert.Equal(1, exitCode);
        Assert.Contains("cell 3 failed", error);
        Assert.Contains("var ratio = threshold / 0.5;", error);
        Assert.Contains("System.IO.FileNotFoundException: clip missing", error);
        Assert.Contains("9\n", File.ReadAllText(folder.File("out", "broken.ipynb")).Replace("\\n", "\n"));
        Assert.DoesNotContain("ok broken.ipynb", output);
    }

    [Fact]
    public void An_endless_cell_is_stopped_by_the_timeout_with_a_non_zero_exit()
    {
        using var folder = new TempFolder();
        string path = folder.File("endless.ipynb");
        NotebookDocument.Create("endless", [NotebookCell.Code("while (true) { }")]).Save(path);
        var (exitCode, _, error) = CliRunner.Run("notebook", "run", path, "--out", folder.File("out"), "--timeout", "20");
        Assert.Equal(1, exitCode);
        Assert.Contains("cell 1 failed", error);
        Assert.Contains("timeout of 20 s", error);
        Assert.True(File.Exists(folder.File("out", "endless.ipynb")));
    }

    [Fact]
    public void A_bad_timeout_or_parameter_is_bad_input()
    {
        using var folder = new TempFolder();
        string path = folder.File("p.ipynb");
        NotebookDocument.Create("p", [NotebookCell.Code("var count = 2;", "parameters")]).Save(path);
        var (exitCode, _, error) = CliRunner.Run("notebook", "run", path, "--out", folder.File("out"), "--timeout", "-1");
        Assert.Equal(2, exitCode);
        Assert.Contains("--timeout", error);
        (exitCode, _, error) = CliRunner.Run("notebook", "run", path, "--out", folder.File("out"), "--param", "count=many");
        Assert.Equal(2, exitCode);
        Assert.Contains($"error: {path}: parameter 'count'", error);
    }
}
