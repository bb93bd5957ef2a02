using System.Text.Json.Nodes;

namespace AnomalyLab.Notebooks;

/// <summary>
/// One cell of an nbformat 4 notebook. <see cref="Metadata"/> keeps whatever the editor stored (Polyglot's
/// <c>dotnet_interactive</c> / <c>polyglot_notebook</c> kernel names, <c>tags</c>) so a round trip loses nothing.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>A cell of the given nbformat type (<c>code</c>, <c>markdown</c>, <c>raw</c>) and source.</summary>
    public NotebookCell(string cellType, string source, JsonObject? metadata = null)
    {
        CellType = cellType;
        Source = source;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>nbformat cell type: <c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType { get; }

    /// <summary>The cell text, lines joined with <c>\n</c>.</summary>
    public string Source { get; }

    /// <summary>Cell metadata (editor kernel names, tags).</summary>
    public JsonObject Metadata { get; }

    /// <summary>Outputs of the last execution (empty for markdown and unexecuted cells).</summary>
    public List<NotebookOutput> Outputs { get; } = [];

    /// <summary>Execution counter of the last run, null when not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Tags from <c>metadata.tags</c> (e.g. <c>parameters</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(tag => tag?.GetValue<string>() ?? "").ToArray() : [];

    /// <summary>
    /// Code, markdown or raw, honouring a first-line <c>#!markdown</c> / <c>#!csharp</c> magic and the Polyglot kernel name
    /// in the metadata (a code cell whose kernel is <c>markdown</c> is markdown).
    /// </summary>
    public NotebookCellKind Kind
    {
        get
        {
            if (CellType == "markdown") return NotebookCellKind.Markdown;
            if (CellType == "raw") return NotebookCellKind.Raw;
            string? magic = CellMagic.FirstLineMagic(Source);
            if (magic is "markdown" or "md") return NotebookCellKind.Markdown;
            return KernelName is "markdown" && magic == null ? NotebookCellKind.Markdown : NotebookCellKind.Code;
        }
    }

    /// <summary>The kernel named by the cell metadata (Polyglot <c>kernelName</c> or <c>dotnet_interactive.language</c>), if any.</summary>
    public string? KernelName =>
        Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>() ?? Metadata["dotnet_interactive"]?["language"]?.GetValue<string>();

    /// <summary>A C# code cell with Polyglot metadata.</summary>
    public static NotebookCell Code(string source, params string[] tags) => new("code", source, PolyglotMetadata("csharp", tags));

    /// <summary>A markdown cell with Polyglot metadata.</summary>
    public static NotebookCell MarkdownCell(string source) => new("markdown", source, PolyglotMetadata("markdown", []));

    private static JsonObject PolyglotMetadata(string language, string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = language },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = language },
        };
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(tag => (JsonNode?)JsonValue.Create(tag)).ToArray());
        return metadata;
    }

    /// <summary>The nbformat 4 JSON of this cell (code cells carry outputs and execution count).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["cell_type"] = CellType, ["metadata"] = Metadata.DeepClone(), ["source"] = NotebookText.Split(Source) };
        if (CellType == "code")
        {
            json["execution_count"] = ExecutionCount;
            json["outputs"] = new JsonArray(Outputs.Select(output => (JsonNode?)output.ToJson()).ToArray());
        }
        return json;
    }
}
