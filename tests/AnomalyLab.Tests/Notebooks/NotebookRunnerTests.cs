using System.Text.Json;
using AnomalyLab.Notebooks;
using AnomalyLab.Plots;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

/// <summary>
/// <see cref="NotebookRunner"/> against the real .NET Interactive kernel (the tool in .config/dotnet-tools.json). Each test
/// starts one kernel, so related behaviour is checked in one notebook.
/// </summary>
public sealed class NotebookRunnerTests
{
    private static NotebookDocument Notebook(params NotebookCell[] cells) => NotebookDocument.Create("test", cells);

    private static NotebookRunResult Run(NotebookDocument notebook, NotebookRunOptions? options = null)
    {
        using var folder = new TempFolder();
        return NotebookRunner.RunAsync(notebook, folder.Path, options).GetAwaiter().GetResult();
    }

    private static string Plain(NotebookOutput output) => output switch
    {
        ExecuteResultOutput result => result.Data["text/plain"],
        DisplayDataOutput display => display.Data["text/plain"],
        StreamOutput stream => stream.Text,
        _ => throw new Xunit.Sdk.XunitException($"unexpected output {output}"),
    };

    private static NotebookCell FSharp(string source) => new("code", source, new System.Text.Json.Nodes.JsonObject
    {
        ["polyglot_notebook"] = new System.Text.Json.Nodes.JsonObject { ["kernelName"] = "fsharp" },
    });

    [Fact]
    public void Cells_share_state_and_outputs_follow_the_kernel()
    {
        var result = Run(Notebook(
            NotebookCell.Code("record Point(int X, int Y);\nvar origin = new Point(2, 3);"),
            NotebookCell.Code("var moved = origin with { X = origin.X + 40 };\nConsole.WriteLine(\"before\");\ndisplay(\"shown\");\nConsole.Write(\"after\");"),
            NotebookCell.Code("moved.X + moved.Y"),
            NotebookCell.Code("#!markdown\n# A heading, not C#"),
            NotebookCell.Code("#!csharp\n\"answer \" + (6 * 7)"),
            FSharp("let squares = [ for i in 1 .. 3 -> i * i ]\nList.sum squares")));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var cells = result.Executed.Cells;
        Assert.Empty(cells[0].Outputs);
        Assert.Equal(["before\n", "shown", "after"], cells[1].Outputs.Select(Plain));
        Assert.IsType<DisplayDataOutput>(cells[1].Outputs[1]);
        var sum = Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[2].Outputs));
        Assert.Contains("45", sum.Data.Values.First());
        Assert.Equal(3, sum.ExecutionCount);
        Assert.Equal(NotebookCellKind.Markdown, cells[3].Kind);
        Assert.Null(cells[3].ExecutionCount);
        Assert.Contains("answer 42", Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[4].Outputs)).Data.Values.First());
        // The cell's metadata names F#: the kernel's F# kernel runs it (a C# compiler would reject `let`).
        Assert.Contains("14", Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[5].Outputs)).Data.Values.First());
    }

    [Fact]
    public void Parameters_are_written_into_the_tagged_cell_before_it_runs()
    {
        var notebook = Notebook(
            NotebookCell.Code("var data = \"\";\nvar count = 2;  // clips\nvar scale = 0.5;\nvar verbose = false;", "parameters"),
            NotebookCell.Code("Console.Write($\"{data}|{count * 10}|{scale * 2}|{!verbose}\");"));
        var result = Run(notebook, new NotebookRunOptions
        {
            Parameters = new Dictionary<string, string> { ["data"] = "../shared/\"data\"", ["count"] = "7", ["scale"] = "1.5", ["verbose"] = "true", ["unknown"] = "x" },
        });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("../shared/\"data\"|70|3|False", Plain(Assert.Single(result.Executed.Cells[1].Outputs)));
        Assert.Equal(["unknown"], result.UnusedParameters);
    }

    [Fact]
    public void Exception_stops_the_run_and_reports_cell_number_first_lines_and_message()
    {
        var result = Run(Notebook(
            NotebookCell.MarkdownCell("# Intro"),
            NotebookCell.Code("var ok = 1;"),
            NotebookCell.Code("var y = ok + 1;\nthrow new InvalidOperationException(\"sensor offline\");"),
            NotebookCell.Code("Console.WriteLine(\"never\");")));
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Failure!.CellNumber);
        Assert.Contains("var y = ok + 1;", result.Failure.FirstLines);
        Assert.Contains("sensor offline", result.Failure.Error);
        Assert.Contains("cell 3", result.Failure.ToString());
        var error = Assert.IsType<ErrorOutput>(result.Executed.Cells[2].Outputs[^1]);
        Assert.Equal("System.InvalidOperationException", error.Name);
        Assert.Empty(result.Executed.Cells[3].Outputs);
        Assert.Null(result.Executed.Cells[3].ExecutionCount);
    }

    [Fact]
    public void Compile_error_reports_the_line_within_the_cell_and_what_the_kernel_lacks()
    {
        // The kernel imports System but not System.IO: a notebook must say `using System.IO;` itself.
        var result = Run(Notebook(NotebookCell.Code("var a = 1;"), NotebookCell.Code("// comment\nvar b = Path.Combine(\"x\", \"y\");")));
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Failure!.CellNumber);
        Assert.Contains("(2,9): error CS0103: The name 'Path' does not exist", result.Failure.Error);
        Assert.Equal("CompilationError", Assert.IsType<ErrorOutput>(result.Executed.Cells[1].Outputs[^1]).Name);
    }

    [Fact]
    public void A_cell_that_runs_past_the_timeout_fails_the_run_with_its_number()
    {
        var result = Run(
            Notebook(NotebookCell.Code("var started = true;"), NotebookCell.Code("while (true) { System.Threading.Thread.Sleep(100); }"), NotebookCell.Code("1")),
            new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(20) });
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Failure!.CellNumber);
        Assert.Contains("timeout of 20 s", result.Failure.Error);
        Assert.Null(result.Executed.Cells[2].ExecutionCount);
    }

    [Fact]
    public void A_cell_that_ends_the_kernel_fails_the_run_instead_of_passing()
    {
        var result = Run(Notebook(NotebookCell.Code("Environment.Exit(0);"), NotebookCell.Code("1")));
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Failure!.CellNumber);
        Assert.Contains("kernel exited", result.Failure.Error);
    }

    [Fact]
    public void A_parameter_that_does_not_fit_its_declaration_is_refused_before_the_kernel_starts()
    {
        var notebook = Notebook(NotebookCell.Code("var count = 2;", "parameters"));
        var error = Assert.Throws<NotebookParameterException>(() => Run(notebook, new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["count"] = "many" } }));
        Assert.Contains("parameter 'count': cannot read 'many' as int", error.Message);
    }

    [Fact]
    public async Task Executed_notebook_is_nbformat_with_the_workbench_formatters_from_the_package()
    {
        WorkbenchPackage.EnsurePacked();
        using var folder = new TempFolder();
        string source = folder.File("source", "demo.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(folder.File("source", "nuget.config"),
            $"<configuration><packageSources><add key=\"local\" value=\"{WorkbenchPackage.Feed}\" /></packageSources></configuration>");
        Notebook(
            NotebookCell.MarkdownCell("# Demo"),
            NotebookCell.Code("#r \"nuget: AnomalyLab, *-*\"\nusing AnomalyLab.Plots;\nConsole.WriteLine(\"hi\");\ndisplay(new TableFigure(\"t\", [\"k\", \"v\"], [[\"auc\", 0.5]]));\nLineCharts.Line(LineSeries.Indexed(\"y\", [1.0, 2.0]), \"title\", \"x\", \"y\")"),
            NotebookCell.Code("LineCharts.Line(LineSeries.Indexed(\"z\", [3.0, 1.0]), \"second\", \"x\", \"y\")"))
            .Save(source);
        var result = await NotebookRunner.RunFileAsync(source, folder.File("out"));
        Assert.True(result.Succeeded, result.Failure?.ToString());

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(folder.File("out", "demo.ipynb")));
        JsonElement root = json.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(".net-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        string Html(JsonElement output) => output.TryGetProperty("data", out JsonElement data) && data.TryGetProperty("text/html", out JsonElement html)
            ? string.Concat(html.EnumerateArray().Select(line => line.GetString()))
            : "";
        JsonElement[] outputs = root.GetProperty("cells")[1].GetProperty("outputs").EnumerateArray().ToArray();
        // The kernel's own outputs come first (package installation, extension loading), then the cell's.
        Assert.Contains(outputs, o => o.GetProperty("output_type").GetString() == "stream");
        JsonElement table = Assert.Single(outputs, o => Html(o).Contains("<table class=\"metrics-table\">"));
        Assert.Equal("display_data", table.GetProperty("output_type").GetString());
        JsonElement figure = outputs[^1];
        Assert.Equal("execute_result", figure.GetProperty("output_type").GetString());
        Assert.Contains("Plotly.newPlot", Html(figure));
        // The package's kernel extension registered the formatters, and the session's first figure carries plotly.js.
        Assert.Contains(PlotlyJs.Marker, Html(figure));
        JsonElement second = Assert.Single(root.GetProperty("cells")[2].GetProperty("outputs").EnumerateArray());
        Assert.Contains("Plotly.newPlot", Html(second));
        Assert.DoesNotContain(PlotlyJs.Marker, Html(second));
        Assert.True(File.Exists(folder.File("out", "demo.html")));
    }

    [Fact]
    public async Task Running_into_the_source_folder_is_refused()
    {
        using var folder = new TempFolder();
        string source = folder.File("demo.ipynb");
        Notebook(NotebookCell.Code("1")).Save(source);
        var refused = await Assert.ThrowsAsync<AnomalyLab.IO.OutputRefusedException>(() => NotebookRunner.RunFileAsync(source, folder.Path));
        Assert.Contains("is also an input", refused.Message);
        // Through a link to the source folder too: the source stays as it was.
        Directory.CreateSymbolicLink(folder.File("linked"), folder.Path);
        string before = File.ReadAllText(source);
        await Assert.ThrowsAsync<AnomalyLab.IO.OutputRefusedException>(() => NotebookRunner.RunFileAsync(source, folder.File("linked")));
        Assert.Equal(before, File.ReadAllText(source));
    }

    [Fact]
    public void A_kernel_that_cannot_be_found_is_reported_with_how_to_install_it()
    {
        string? previous = Environment.GetEnvironmentVariable(KernelLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(KernelLocator.EnvironmentVariable, "/nonexistent/dotnet-interactive");
            var error = Assert.Throws<KernelUnavailableException>(() => KernelLocator.Locate(Path.GetTempPath()));
            Assert.Contains("/nonexistent/dotnet-interactive", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KernelLocator.EnvironmentVariable, previous);
        }
        Assert.Equal(RepoPaths.Root, KernelLocator.ManifestRoot(Path.Combine(RepoPaths.Root, "notebooks")));
        Assert.Null(KernelLocator.ManifestRoot(Path.GetPathRoot(Path.GetTempPath())!));
    }
}
