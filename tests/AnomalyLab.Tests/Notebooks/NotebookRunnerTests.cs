using System.Text.Json;
using AnomalyLab.Notebooks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Notebooks;

public sealed class NotebookRunnerTests
{
    private static NotebookDocument Notebook(params NotebookCell[] cells) => NotebookDocument.Create("test", cells);

    private static NotebookRunResult Run(NotebookDocument notebook, Dictionary<string, string>? parameters = null) =>
        NotebookRunner.RunAsync(notebook, new NotebookRunOptions { Parameters = parameters ?? [] }).GetAwaiter().GetResult();

    private static string Plain(NotebookOutput output) => output switch
    {
        ExecuteResultOutput result => result.Data["text/plain"],
        DisplayDataOutput display => display.Data["text/plain"],
        StreamOutput stream => stream.Text,
        _ => throw new Xunit.Sdk.XunitException($"unexpected output {output}"),
    };

    [Fact]
    public void Variables_and_types_carry_across_cells()
    {
        var result = Run(Notebook(
            NotebookCell.Code("record Point(int X, int Y);\nvar origin = new Point(2, 3);"),
            NotebookCell.Code("var moved = origin with { X = origin.X + 40 };"),
            NotebookCell.Code("moved.X + moved.Y")));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var last = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Executed.Cells[2].Outputs));
        Assert.Equal("45", last.Data["text/plain"]);
        Assert.Equal(3, last.ExecutionCount);
    }

    [Fact]
    public void Last_expression_renders_as_execute_result_with_html_and_plain_text_but_a_statement_renders_nothing()
    {
        var result = Run(Notebook(NotebookCell.Code("var x = 6 * 7;"), NotebookCell.Code("\"answer \" + x")));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Empty(result.Executed.Cells[0].Outputs);
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Executed.Cells[1].Outputs));
        Assert.Equal("answer 42", output.Data["text/plain"]);
        Assert.Contains("answer 42", output.Data["text/html"]);
    }

    [Fact]
    public void Display_and_console_output_keep_their_order()
    {
        var result = Run(Notebook(NotebookCell.Code("Console.WriteLine(\"before\");\ndisplay(123);\nConsole.Write(\"after\");")));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var outputs = result.Executed.Cells[0].Outputs;
        Assert.Equal(3, outputs.Count);
        Assert.Equal("before\n", Assert.IsType<StreamOutput>(outputs[0]).Text);
        Assert.Equal("123", Assert.IsType<DisplayDataOutput>(outputs[1]).Data["text/plain"]);
        Assert.Equal("after", Plain(outputs[2]));
    }

    [Fact]
    public void Markdown_magic_cells_are_not_executed_and_csharp_magic_cells_are()
    {
        var result = Run(Notebook(
            NotebookCell.Code("#!markdown\n# A heading, not C#"),
            NotebookCell.Code("#!csharp\n1 + 1")));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(NotebookCellKind.Markdown, result.Executed.Cells[0].Kind);
        Assert.Null(result.Executed.Cells[0].ExecutionCount);
        Assert.Equal("2", Plain(Assert.Single(result.Executed.Cells[1].Outputs)));
        Assert.Contains("<h1 id=\"a-heading-not-c\">A heading, not C#</h1>", NotebookHtmlExporter.ToHtml(result.Executed));
    }

    [Fact]
    public void Nuget_and_source_directives_resolve_to_the_workbench_assemblies()
    {
        var result = Run(Notebook(NotebookCell.Code(
            "#i \"nuget: ../artifacts/packages\"\n#r \"nuget: AnomalyLab, 0.1.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget:TorchSharp-cpu\"\n" +
            "using AnomalyLab.Features;\nLogMelOptions.Torchaudio.NMels + Plotly.NET.GenericChart.countTrace(Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 1 }, new[] { 2 }))")));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("129", Plain(Assert.Single(result.Executed.Cells[0].Outputs)));
    }

    [Fact]
    public void Unknown_nuget_package_fails_the_cell_naming_the_package()
    {
        var result = Run(Notebook(NotebookCell.Code("#r \"nuget: Newtonsoft.Json.Schema, 3.0\"")));
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Failure!.CellNumber);
        Assert.Contains("Newtonsoft.Json.Schema", result.Failure.Error);
    }

    [Fact]
    public void Parameters_override_the_tagged_cell_with_the_declared_types()
    {
        var notebook = Notebook(
            NotebookCell.Code("var data = \"\";\nvar count = 2;\nvar scale = 0.5;\nvar verbose = false;", "parameters"),
            NotebookCell.Code("$\"{data}|{count * 10}|{scale * 2}|{!verbose}\""));
        var defaults = Run(notebook);
        Assert.Equal("|20|1|True", Plain(defaults.Executed.Cells[1].Outputs[0]));
        var overridden = Run(notebook, new() { ["data"] = "../shared/data", ["count"] = "7", ["scale"] = "1.5", ["verbose"] = "true", ["unknown"] = "x" });
        Assert.True(overridden.Succeeded, overridden.Failure?.ToString());
        Assert.Equal("../shared/data|70|3|False", Plain(overridden.Executed.Cells[1].Outputs[0]));
        Assert.Equal(["unknown"], overridden.UnusedParameters);
    }

    [Fact]
    public void Parameter_of_the_wrong_type_fails_with_its_name()
    {
        var result = Run(Notebook(NotebookCell.Code("var count = 2;", "parameters")), new() { ["count"] = "many" });
        Assert.False(result.Succeeded);
        Assert.Contains("parameter 'count'", result.Failure!.Error);
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
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Executed.Cells[2].Outputs));
        Assert.Equal("InvalidOperationException", error.Name);
        Assert.Empty(result.Executed.Cells[3].Outputs);
        Assert.Null(result.Executed.Cells[3].ExecutionCount);
    }

    [Fact]
    public void Compile_error_reports_the_line_within_the_cell()
    {
        var result = Run(Notebook(NotebookCell.Code("var a = 1;"), NotebookCell.Code("// comment\nvar b = undefinedName;")));
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Failure!.CellNumber);
        Assert.Contains("(2,9): error CS0103", result.Failure.Error);
    }

    [Fact]
    public async Task Executed_notebook_is_valid_nbformat_json_with_mime_bundles()
    {
        using var folder = new TempFolder();
        string source = folder.File("source", "demo.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        Notebook(
            NotebookCell.MarkdownCell("# Demo"),
            NotebookCell.Code("#r \"nuget: AnomalyLab, 0.1.0\"\nusing AnomalyLab.Plots;\nConsole.WriteLine(\"hi\");\ndisplay(new MetricsTable(\"t\", [\"k\", \"v\"], [[\"auc\", 0.5]]));\nLineCharts.Line(LineSeries.Indexed(\"y\", [1.0, 2.0]), \"title\", \"x\", \"y\")"))
            .Save(source);
        var result = await NotebookRunner.RunFileAsync(source, folder.File("out"));
        Assert.True(result.Succeeded, result.Failure?.ToString());

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(folder.File("out", "demo.ipynb")));
        JsonElement root = json.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(".net-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        JsonElement outputs = root.GetProperty("cells")[1].GetProperty("outputs");
        Assert.Equal(["stream", "display_data", "execute_result"], outputs.EnumerateArray().Select(o => o.GetProperty("output_type").GetString()));
        foreach (JsonElement output in outputs.EnumerateArray().Skip(1))
        {
            JsonElement data = output.GetProperty("data");
            Assert.True(data.TryGetProperty("text/html", out _));
            Assert.True(data.TryGetProperty("text/plain", out _));
        }
        Assert.Contains("<table class=\"metrics-table\">", string.Concat(outputs[1].GetProperty("data").GetProperty("text/html").EnumerateArray().Select(l => l.GetString())));
        Assert.Contains("Plotly.newPlot", string.Concat(outputs[2].GetProperty("data").GetProperty("text/html").EnumerateArray().Select(l => l.GetString())));
        Assert.True(File.Exists(folder.File("out", "demo.html")));
    }

    [Fact]
    public async Task Running_into_the_source_folder_is_refused()
    {
        using var folder = new TempFolder();
        string source = folder.File("demo.ipynb");
        Notebook(NotebookCell.Code("1")).Save(source);
        await Assert.ThrowsAsync<ArgumentException>(() => NotebookRunner.RunFileAsync(source, folder.Path));
    }
}
