using System.Text.Json.Nodes;

namespace AnomalyLab.Notebooks;

/// <summary>
/// One output of an executed code cell, as nbformat 4 stores it: a mime bundle (<c>display_data</c> / <c>execute_result</c>),
/// captured console text (<c>stream</c>) or an <c>error</c>.
/// </summary>
public abstract record NotebookOutput
{
    /// <summary>The nbformat 4 JSON object of this output.</summary>
    public abstract JsonObject ToJson();

    /// <summary>Reads an nbformat 4 output object; unknown output types are kept as raw JSON.</summary>
    public static NotebookOutput FromJson(JsonObject json)
    {
        string type = json["output_type"]?.GetValue<string>() ?? "";
        return type switch
        {
            "stream" => new StreamOutput(json["name"]?.GetValue<string>() ?? "stdout", NotebookText.Join(json["text"])),
            "display_data" => new DisplayDataOutput(MimeBundleFromJson(json["data"])),
            "execute_result" => new ExecuteResultOutput(json["execution_count"]?.GetValue<int?>() ?? 0, MimeBundleFromJson(json["data"])),
            "error" => new ErrorOutput(json["ename"]?.GetValue<string>() ?? "", json["evalue"]?.GetValue<string>() ?? "",
                json["traceback"] is JsonArray lines ? lines.Select(line => line?.GetValue<string>() ?? "").ToArray() : []),
            _ => new RawOutput((JsonObject)json.DeepClone()),
        };
    }

    private static IReadOnlyDictionary<string, string> MimeBundleFromJson(JsonNode? data)
    {
        var bundle = new Dictionary<string, string>();
        if (data is JsonObject objectNode)
            foreach ((string mime, JsonNode? value) in objectNode) bundle[mime] = NotebookText.Join(value);
        return bundle;
    }

    private protected static JsonObject MimeBundleToJson(IReadOnlyDictionary<string, string> bundle)
    {
        var data = new JsonObject();
        foreach ((string mime, string value) in bundle) data[mime] = NotebookText.Split(value);
        return data;
    }
}

/// <summary>Text the cell wrote to the console; <paramref name="Name"/> is <c>stdout</c> or <c>stderr</c>.</summary>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson() => new() { ["output_type"] = "stream", ["name"] = Name, ["text"] = NotebookText.Split(Text) };
}

/// <summary>A value shown with <c>display(...)</c>: mime type → content (e.g. <c>text/html</c>, <c>text/plain</c>).</summary>
public sealed record DisplayDataOutput(IReadOnlyDictionary<string, string> Data) : NotebookOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson() => new() { ["output_type"] = "display_data", ["data"] = MimeBundleToJson(Data), ["metadata"] = new JsonObject() };
}

/// <summary>The value of a cell's last expression, as the kernel renders it.</summary>
public sealed record ExecuteResultOutput(int ExecutionCount, IReadOnlyDictionary<string, string> Data) : NotebookOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = "execute_result", ["execution_count"] = ExecutionCount, ["data"] = MimeBundleToJson(Data), ["metadata"] = new JsonObject(),
    };
}

/// <summary>A compile error or exception that stopped the run at this cell.</summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : NotebookOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = "error", ["ename"] = Name, ["evalue"] = Value, ["traceback"] = new JsonArray(Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
    };
}

/// <summary>An output type this library does not interpret, kept verbatim.</summary>
public sealed record RawOutput(JsonObject Json) : NotebookOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson() => (JsonObject)Json.DeepClone();
}
