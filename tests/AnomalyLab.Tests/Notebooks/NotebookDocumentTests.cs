using AnomalyLab.Notebooks;

namespace AnomalyLab.Tests.Notebooks;

public sealed class NotebookDocumentTests
{
    private const string Polyglot = """
        {
         "cells": [
          { "cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"] },
          { "cell_type": "code", "execution_count": null, "metadata": { "dotnet_interactive": { "language": "csharp" }, "polyglot_notebook": { "kernelName": "csharp" }, "tags": ["parameters"] }, "outputs": [], "source": "var a = 1;" },
          { "cell_type": "code", "execution_count": null, "metadata": { "polyglot_notebook": { "kernelName": "markdown" } }, "outputs": [], "source": ["Prose in a code cell"] }
         ],
         "metadata": { "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" }, "language_info": { "name": "C#" } },
         "nbformat": 4, "nbformat_minor": 5
        }
        """;

    [Fact]
    public void Reads_polyglot_cells_tags_and_kernel_names()
    {
        var notebook = NotebookDocument.Parse(Polyglot, "x.ipynb");
        Assert.Equal("x", notebook.Name);
        Assert.Equal("# Title\ntext", notebook.Cells[0].Source);
        Assert.Equal(["parameters"], notebook.Cells[1].Tags);
        Assert.Equal(NotebookCellKind.Code, notebook.Cells[1].Kind);
        Assert.Equal(NotebookCellKind.Markdown, notebook.Cells[2].Kind);
    }

    [Fact]
    public void Round_trip_keeps_metadata_and_writes_line_arrays()
    {
        var again = NotebookDocument.Parse(NotebookDocument.Parse(Polyglot, "x.ipynb").ToJson(), "x.ipynb");
        Assert.Equal(".net-csharp", again.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(5, again.NbformatMinor);
        Assert.Contains("\"# Title\\n\",", NotebookDocument.Parse(Polyglot, "x.ipynb").ToJson());
    }

    [Fact]
    public void Rejects_other_nbformat_versions_naming_the_file()
    {
        var error = Assert.Throws<InvalidDataException>(() => NotebookDocument.Parse("""{ "nbformat": 3, "cells": [] }""", "old.ipynb"));
        Assert.Contains("old.ipynb", error.Message);
        Assert.Contains("nbformat 4", error.Message);
    }

    [Fact]
    public void Rejects_non_json_naming_the_file()
    {
        var error = Assert.Throws<InvalidDataException>(() => NotebookDocument.Parse("not json", "broken.ipynb"));
        Assert.Contains("broken.ipynb", error.Message);
    }
}
