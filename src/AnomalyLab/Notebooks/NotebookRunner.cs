using System.Text.Json.Nodes;
using AnomalyLab.IO;

namespace AnomalyLab.Notebooks;

/// <summary>
/// Runs a notebook in the real .NET Interactive kernel (<see cref="KernelSession"/>), cell by cell, as VS Code does:
/// the kernel's working directory is the notebook's folder, each code cell is submitted to the kernel its metadata names
/// (C# unless it says otherwise), <c>--param</c> values are written into the cell tagged <c>parameters</c> before it runs,
/// and every event the kernel sends back becomes an nbformat output (displays, updates of a display, return values,
/// console text, errors). The run stops at the first cell that fails, exceeds <see cref="NotebookRunOptions.CellTimeout"/>
/// or ends the kernel.
/// </summary>
public static class NotebookRunner
{
    /// <summary>
    /// Runs every code cell of a copy of <paramref name="notebook"/> in a new kernel whose working directory is
    /// <paramref name="workingDirectory"/>; the original is not changed.
    /// </summary>
    /// <exception cref="KernelUnavailableException">The kernel cannot be found or started.</exception>
    /// <exception cref="NotebookParameterException">A <c>--param</c> value does not fit its declaration.</exception>
    public static async Task<NotebookRunResult> RunAsync(NotebookDocument notebook, string workingDirectory, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= NotebookRunOptions.Default;
        NotebookDocument executed = NotebookDocument.Parse(notebook.ToJson(), notebook.Name + ".ipynb");
        var unused = new HashSet<string>(options.Parameters.Keys, StringComparer.Ordinal);
        // Parameters are applied before the kernel starts, so a value that does not fit fails fast and names itself.
        var sources = executed.Cells.Select(cell => cell.Kind == NotebookCellKind.Code && cell.Tags.Contains("parameters")
            ? NotebookParameters.Apply(cell.Source, options.Parameters, unused)
            : cell.Source).ToArray();
        await using KernelSession kernel = await KernelSession.StartAsync(Path.GetFullPath(workingDirectory), options.KernelStartTimeout, cancellation);
        int executionCount = 0;
        for (int index = 0; index < executed.Cells.Count; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            NotebookCell cell = executed.Cells[index];
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            if (cell.Kind != NotebookCellKind.Code) continue;
            options.CellStarting?.Invoke(index + 1, executed.Cells.Count, cell);
            cell.ExecutionCount = ++executionCount;
            KernelSubmission submission = await kernel.SubmitAsync(sources[index], KernelNameOf(cell), options.CellTimeout, cancellation);
            cell.Outputs.AddRange(Outputs(submission, executionCount));
            if (submission.Outcome == KernelOutcome.Succeeded) continue;
            string error = submission.Error ?? submission.Outcome.ToString();
            if (submission.Outcome != KernelOutcome.Failed) cell.Outputs.Add(new ErrorOutput(submission.Outcome.ToString(), error, [error]));
            var failure = new NotebookCellFailure(notebook.Name, index + 1, FirstLines(cell.Source), error);
            return new NotebookRunResult(executed, failure, unused.Order().ToArray());
        }
        return new NotebookRunResult(executed, null, unused.Order().ToArray());
    }

    /// <summary>
    /// Loads <paramref name="path"/>, runs it with the notebook's own folder as working directory, and writes
    /// <c>&lt;name&gt;.ipynb</c> (executed) and <c>&lt;name&gt;.html</c> to <paramref name="outputFolder"/>, also on failure.
    /// </summary>
    /// <exception cref="OutputRefusedException">An output file is the source notebook (also through a link), checked before the run.</exception>
    public static async Task<NotebookRunResult> RunFileAsync(string path, string outputFolder, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        NotebookDocument notebook = NotebookDocument.Load(path);
        string executedPath = Path.GetFullPath(Path.Combine(outputFolder, Path.GetFileName(path)));
        string htmlPath = Path.ChangeExtension(executedPath, ".html");
        OutputPaths.CheckFile(executedPath, [path]);
        OutputPaths.CheckFile(htmlPath, [path]);
        NotebookRunResult result = await RunAsync(notebook, Path.GetDirectoryName(Path.GetFullPath(path))!, options, cancellation);
        result.Executed.Save(executedPath);
        NotebookHtmlExporter.Write(result.Executed, htmlPath);
        return result;
    }

    /// <summary>The kernel a code cell goes to: its Polyglot kernel name, else C#.</summary>
    public static string KernelNameOf(NotebookCell cell) => cell.KernelName?.ToLowerInvariant() switch
    {
        null or "" or "c#" or "csharp" => "csharp",
        "f#" or "fsharp" => "fsharp",
        "powershell" or "pwsh" => "pwsh",
        { } other => other,
    };

    /// <summary>nbformat outputs for the events of one submission, in order; a display updated later shows its last value.</summary>
    internal static List<NotebookOutput> Outputs(KernelSubmission submission, int executionCount)
    {
        var outputs = new List<NotebookOutput>();
        var displayIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonObject envelope in submission.Events)
        {
            string type = envelope["eventType"]?.GetValue<string>() ?? "";
            JsonObject? body = envelope["event"] as JsonObject;
            switch (type)
            {
                case "DisplayedValueProduced":
                case "DisplayedValueUpdated":
                {
                    var bundle = Bundle(body);
                    string? valueId = body?["valueId"]?.GetValue<string>();
                    if (valueId != null && displayIndex.TryGetValue(valueId, out int at)) outputs[at] = new DisplayDataOutput(bundle);
                    else
                    {
                        if (valueId != null) displayIndex[valueId] = outputs.Count;
                        outputs.Add(new DisplayDataOutput(bundle));
                    }
                    break;
                }
                case "ReturnValueProduced":
                    outputs.Add(new ExecuteResultOutput(executionCount, Bundle(body)));
                    break;
                case "StandardOutputValueProduced":
                case "StandardErrorValueProduced":
                {
                    string stream = type == "StandardOutputValueProduced" ? "stdout" : "stderr";
                    string text = Bundle(body).GetValueOrDefault("text/plain") ?? "";
                    if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == stream) outputs[^1] = last with { Text = last.Text + text };
                    else outputs.Add(new StreamOutput(stream, text));
                    break;
                }
                case "ErrorProduced":
                {
                    string message = body?["message"]?.GetValue<string>() ?? "";
                    outputs.Add(new ErrorOutput("Error", message, message.Split('\n')));
                    break;
                }
            }
        }
        if (submission.Outcome == KernelOutcome.Failed && submission.Error is { } error)
            outputs.Add(new ErrorOutput(ErrorName(error), FirstLine(error), error.Split('\n')));
        return outputs;
    }

    private static Dictionary<string, string> Bundle(JsonObject? body)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body?["formattedValues"] is not JsonArray values) return bundle;
        foreach (JsonNode? value in values)
        {
            string? mime = value?["mimeType"]?.GetValue<string>();
            if (mime != null) bundle[mime] = value?["value"]?.GetValue<string>() ?? "";
        }
        return bundle;
    }

    // "System.IO.FileNotFoundException: …" names its exception; "(1,1): error CS0103: …" is a compile error.
    private static string ErrorName(string error)
    {
        if (error.Contains(": error CS", StringComparison.Ordinal) || error.StartsWith("error CS", StringComparison.Ordinal)) return "CompilationError";
        int colon = error.IndexOf(':');
        string head = colon > 0 ? error[..colon] : "";
        return head.Length > 0 && head.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '`') ? head : "CommandFailed";
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    private static string FirstLines(string source, int count = 3)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        return string.Join('\n', lines.Take(count)) + (lines.Length > count ? "\n…" : "");
    }
}
