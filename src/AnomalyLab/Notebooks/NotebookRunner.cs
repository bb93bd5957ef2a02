using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace AnomalyLab.Notebooks;

/// <summary>
/// Runs .NET Interactive C# notebooks without the kernel, with the kernel's semantics: code cells run in order as one
/// Roslyn script session (<c>CSharpScript</c> then <c>ContinueWith</c>: variables, types and usings carry across cells),
/// <c>#r "nuget: …"</c>/<c>#i</c> resolve to the workbench's loaded assemblies, <c>display(...)</c> and a cell's last
/// expression become <c>text/html</c> + <c>text/plain</c> outputs, console text becomes stream outputs.
/// The run stops at the first cell that fails to compile or throws.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Namespaces every cell imports, as the kernel does (library namespaces are imported by the notebook itself).</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System", "System.IO", "System.Linq", "System.Text", "System.Collections.Generic", "System.Threading.Tasks",
        "Microsoft.DotNet.Interactive.Formatting",
    ];

    private static readonly Lazy<ScriptOptions> Options = new(CreateScriptOptions);

    /// <summary>Runs every cell of a copy of <paramref name="notebook"/>; the original is not changed.</summary>
    public static async Task<NotebookRunResult> RunAsync(NotebookDocument notebook, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= NotebookRunOptions.Default;
        NotebookFormatters.Register();
        NotebookDocument executed = NotebookDocument.Parse(notebook.ToJson(), notebook.Name + ".ipynb");
        var globals = new NotebookGlobals(options.Parameters);
        var unused = new HashSet<string>(options.Parameters.Keys, StringComparer.Ordinal);
        ScriptState<object>? state = null;
        int executionCount = 0;
        using var figures = Plots.PlotlyFigureHtml.PageProvidesLibrary();
        for (int index = 0; index < executed.Cells.Count; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            NotebookCell cell = executed.Cells[index];
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            if (cell.Kind != NotebookCellKind.Code) continue;
            options.CellStarting?.Invoke(index + 1, executed.Cells.Count, cell);
            cell.ExecutionCount = ++executionCount;
            var collector = new CellOutputCollector();
            globals.CurrentCell = collector;
            string? error;
            try
            {
                (state, error) = await RunCellAsync(cell, state, globals, collector, executionCount, cancellation);
                if (error == null && cell.Tags.Contains("parameters") && state != null)
                    ApplyParameters(state, options.Parameters, unused);
            }
            catch (NotebookDirectiveException e)
            {
                error = e.Message;
                collector.Add(new ErrorOutput(nameof(NotebookDirectiveException), e.Message, [e.Message]));
            }
            catch (NotebookParameterException e)
            {
                error = e.Message;
                collector.Add(new ErrorOutput(nameof(NotebookParameterException), e.Message, [e.Message]));
            }
            finally
            {
                globals.CurrentCell = null;
            }
            cell.Outputs.AddRange(collector.Outputs);
            if (error != null)
            {
                var failure = new NotebookCellFailure(notebook.Name, index + 1, FirstLines(cell.Source), error);
                EmbedLibraryInFirstFigure(executed);
                return new NotebookRunResult(executed, failure, unused.Order().ToArray());
            }
        }
        EmbedLibraryInFirstFigure(executed);
        return new NotebookRunResult(executed, null, unused.Order().ToArray());
    }

    /// <summary>
    /// Puts plotly.js once, in the first output that holds a figure, so the executed .ipynb also renders offline in
    /// Jupyter or VS Code (outputs of one notebook share a page there). The HTML export removes it again.
    /// </summary>
    private static void EmbedLibraryInFirstFigure(NotebookDocument executed)
    {
        foreach (NotebookCell cell in executed.Cells)
        {
            for (int i = 0; i < cell.Outputs.Count; i++)
            {
                IReadOnlyDictionary<string, string>? data = cell.Outputs[i] switch
                {
                    DisplayDataOutput display => display.Data,
                    ExecuteResultOutput result => result.Data,
                    _ => null,
                };
                if (data == null || !data.TryGetValue("text/html", out string? html) || !html.Contains(Plots.PlotlyFigureHtml.FigureClass, StringComparison.Ordinal)) continue;
                var withLibrary = new Dictionary<string, string>(data) { ["text/html"] = Plots.PlotlyJs.ScriptElement + html };
                cell.Outputs[i] = cell.Outputs[i] switch
                {
                    ExecuteResultOutput result => result with { Data = withLibrary },
                    _ => new DisplayDataOutput(withLibrary),
                };
                return;
            }
        }
    }

    /// <summary>Loads <paramref name="path"/>, runs it, and writes <c>&lt;name&gt;.ipynb</c> (executed) and <c>&lt;name&gt;.html</c> to <paramref name="outputFolder"/>, both also on failure.</summary>
    /// <exception cref="ArgumentException">The output notebook would overwrite the input.</exception>
    public static async Task<NotebookRunResult> RunFileAsync(string path, string outputFolder, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        NotebookDocument notebook = NotebookDocument.Load(path);
        string executedPath = Path.GetFullPath(Path.Combine(outputFolder, Path.GetFileName(path)));
        if (string.Equals(executedPath, Path.GetFullPath(path), StringComparison.Ordinal))
            throw new ArgumentException($"The executed notebook would overwrite its source {path}; choose another --out folder.");
        NotebookRunResult result = await RunAsync(notebook, options, cancellation);
        result.Executed.Save(executedPath);
        NotebookHtmlExporter.Write(result.Executed, Path.ChangeExtension(executedPath, ".html"));
        return result;
    }

    private static async Task<(ScriptState<object>? State, string? Error)> RunCellAsync(
        NotebookCell cell, ScriptState<object>? state, NotebookGlobals globals, CellOutputCollector collector, int executionCount, CancellationToken cancellation)
    {
        PreparedCell prepared = CellDirectives.Prepare(cell.Source);
        Script<object> script = state == null
            ? CSharpScript.Create(prepared.Code, Options.Value, typeof(NotebookGlobals))
            : state.Script.ContinueWith(prepared.Code, Options.Value);
        ImmutableArray<Diagnostic> diagnostics = script.Compile(cancellation);
        Diagnostic[] errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            string[] lines = errors.Select(FormatDiagnostic).ToArray();
            collector.Add(new ErrorOutput("CompilationError", lines[0], lines));
            return (state, "compile error:\n" + string.Join('\n', lines));
        }
        ScriptState<object> next;
        using (ConsoleCapture.Begin(collector))
        {
            next = state == null
                ? await script.RunAsync(globals, _ => true, cancellation)
                : await script.RunFromAsync(state, _ => true, cancellation);
        }
        if (next.Exception is { } exception)
        {
            Exception inner = Unwrap(exception);
            collector.Add(new ErrorOutput(inner.GetType().Name, inner.Message, inner.ToString().Split('\n')));
            return (next, $"{inner.GetType().FullName}: {inner.Message}");
        }
        if (next.ReturnValue is { } value)
            collector.Add(new ExecuteResultOutput(executionCount, MimeBundle.Of(value)));
        return (next, null);
    }

    private static void ApplyParameters(ScriptState<object> state, IReadOnlyDictionary<string, string> parameters, HashSet<string> unused)
    {
        foreach ((string name, string text) in parameters)
        {
            // The latest declaration wins when a name is declared more than once (as in the script itself).
            ScriptVariable? variable = state.Variables.LastOrDefault(v => v.Name == name);
            if (variable == null) continue;
            if (variable.IsReadOnly) throw new NotebookParameterException($"parameter '{name}' is declared read-only (const/readonly) in the parameters cell; declare it with var.");
            variable.Value = ConvertParameter(name, text, variable.Type);
            unused.Remove(name);
        }
    }

    private static object? ConvertParameter(string name, string text, Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (target == typeof(string) || target == typeof(object)) return text;
            if (target.IsEnum) return Enum.Parse(target, text, ignoreCase: true);
            if (target == typeof(bool)) return bool.Parse(text);
            if (target.IsPrimitive || target == typeof(decimal)) return Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new NotebookParameterException($"parameter '{name}': cannot read '{text}' as {target.Name} ({e.Message}).");
        }
        throw new NotebookParameterException($"parameter '{name}' has type {type.Name}; only strings, numbers, booleans and enums can be set with --param.");
    }

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };

    private static string FormatDiagnostic(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string where = diagnostic.Location.IsInSource ? $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : "";
        return $"{where}error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static string FirstLines(string source, int count = 3)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        return string.Join('\n', lines.Take(count)) + (lines.Length > count ? "\n…" : "");
    }

    private static ScriptOptions CreateScriptOptions()
    {
        return ScriptOptions.Default
            .WithReferences(ReferenceAssemblies())
            .WithImports(DefaultImports)
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)
            .WithAllowUnsafe(true)
            .WithOptimizationLevel(OptimizationLevel.Release);
    }

    /// <summary>The framework plus the workbench library and everything it references, by file.</summary>
    private static IEnumerable<MetadataReference> ReferenceAssemblies()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (string file in Directory.EnumerateFiles(runtimeFolder, "*.dll"))
        {
            if (IsManaged(file)) paths.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        }
        var pending = new Stack<Assembly>([typeof(NotebookRunner).Assembly, typeof(Plotly.NET.CSharp.Chart).Assembly, typeof(Microsoft.Data.Analysis.DataFrame).Assembly]);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.Count > 0)
        {
            Assembly assembly = pending.Pop();
            if (!seen.Add(assembly.GetName().Name!)) continue;
            if (!string.IsNullOrEmpty(assembly.Location)) paths.TryAdd(assembly.GetName().Name!, assembly.Location);
            foreach (AssemblyName name in assembly.GetReferencedAssemblies())
            {
                if (seen.Contains(name.Name!)) continue;
                try
                {
                    pending.Push(Assembly.Load(name));
                }
                catch (FileNotFoundException)
                {
                    // An optional dependency the workbench never loads (e.g. a platform-specific one) cannot be referenced either.
                }
            }
        }
        return paths.Values.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
    }

    private static bool IsManaged(string file)
    {
        try
        {
            AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

/// <summary>A <c>--param</c> value that cannot be applied to the parameters cell.</summary>
public sealed class NotebookParameterException(string message) : Exception(message);
