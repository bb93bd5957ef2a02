using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AnomalyLab.IO;

namespace AnomalyLab.Notebooks;

/// <summary>
/// An nbformat 4 notebook (<c>.ipynb</c>) as VS Code Polyglot Notebooks writes it for the .NET Interactive C# kernel.
/// Top-level metadata is kept verbatim; <see cref="Create"/> writes the <c>.net-csharp</c> kernelspec.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private NotebookDocument(string name, JsonObject metadata, List<NotebookCell> cells, int nbformatMinor)
    {
        Name = name;
        Metadata = metadata;
        Cells = cells;
        NbformatMinor = nbformatMinor;
    }

    /// <summary>Display name (the file name without extension).</summary>
    public string Name { get; }

    /// <summary>Notebook-level metadata (kernelspec, language_info, polyglot_notebook).</summary>
    public JsonObject Metadata { get; }

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>nbformat minor version (major is always 4).</summary>
    public int NbformatMinor { get; }

    /// <summary>A new notebook with .NET Interactive C# kernel metadata.</summary>
    public static NotebookDocument Create(string name, IEnumerable<NotebookCell> cells) => new(name, new JsonObject
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject { ["name"] = "C#" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    }, cells.ToList(), 4);

    /// <summary>Reads an <c>.ipynb</c> file.</summary>
    /// <exception cref="InvalidDataException">Not JSON, not nbformat 4, or a malformed cell; the message names the file.</exception>
    public static NotebookDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException($"Notebook {path} does not exist.", path);
        }
        return Parse(text, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> names the source in error messages and gives <see cref="Name"/>.</summary>
    /// <exception cref="InvalidDataException">Not JSON, not nbformat 4, or a malformed cell.</exception>
    public static NotebookDocument Parse(string json, string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object at the top level of a notebook.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid notebook JSON ({e.Message}).", e);
        }
        int major = Field(path, "nbformat", () => root["nbformat"]?.GetValue<int>() ?? 0, "a number");
        if (major != 4) throw new InvalidDataException($"{path}: expected nbformat 4, found {(major == 0 ? "no nbformat field" : major.ToString())}.");
        if (root["cells"] is not JsonArray cellArray) throw new InvalidDataException($"{path}: expected a 'cells' array.");
        var cells = new List<NotebookCell>();
        foreach ((JsonNode? node, int index) in cellArray.Select((node, index) => (node, index)))
        {
            string where = $"{path}: cell {index + 1}";
            if (node is not JsonObject cellJson || Field(where, "cell_type", () => cellJson["cell_type"]?.GetValue<string>(), "a string") is not { } type)
                throw new InvalidDataException($"{where} has no cell_type.");
            var cell = new NotebookCell(type, Field(where, "source", () => NotebookText.Join(cellJson["source"]), "a string or a list of strings"),
                cellJson["metadata"]?.DeepClone() as JsonObject);
            if (cellJson["outputs"] is JsonArray outputs)
                cell.Outputs.AddRange(Field(where, "outputs", () => outputs.OfType<JsonObject>().Select(NotebookOutput.FromJson).ToList(), "a list of nbformat outputs"));
            cell.ExecutionCount = Field(where, "execution_count", () => cellJson["execution_count"]?.GetValue<int?>(), "a number or null");
            cells.Add(cell);
        }
        var metadata = root["metadata"]?.DeepClone() as JsonObject ?? new JsonObject();
        return new NotebookDocument(Path.GetFileNameWithoutExtension(path), metadata, cells,
            Field(path, "nbformat_minor", () => root["nbformat_minor"]?.GetValue<int>() ?? 4, "a number"));
    }

    /// <summary>Reads one field; a value of the wrong JSON kind becomes <c>&lt;where&gt;: '&lt;name&gt;' must be &lt;expected&gt;</c>.</summary>
    private static T Field<T>(string where, string name, Func<T> read, string expected)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{where}: '{name}' must be {expected}.", e);
        }
    }

    /// <summary>The nbformat 4 JSON text.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(Cells.Select(cell => (JsonNode?)cell.ToJson()).ToArray()),
            ["metadata"] = Metadata.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = NbformatMinor,
        };
        return root.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>Writes the notebook atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());
}
