using System.CommandLine;
using AnomalyLab.Notebooks;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab notebook run a.ipynb b.ipynb --out runs --param data=../shared/data --timeout 600</c>: runs notebooks headless in
/// the real .NET Interactive kernel (see <see cref="NotebookRunner"/>).
/// </summary>
[CliCommand(90)]
internal static class NotebookCommand
{
    /// <summary>Exit code when a notebook cell fails.</summary>
    public const int CellFailed = 1;

    public static Command Create()
    {
        var notebooks = new Argument<FileInfo[]>("notebooks") { Description = "Notebooks (.ipynb) to run, in order.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the executed notebooks and their HTML pages.", DefaultValueFactory = _ => new DirectoryInfo("notebook-runs") };
        var parameters = new Option<string[]>("--param") { Description = "key=value override for the cell tagged 'parameters' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds one cell may run before the run fails at that cell (default 1800).",
            DefaultValueFactory = _ => NotebookRunOptions.Default.CellTimeout.TotalSeconds,
        };
        var run = new Command("run", "Run notebooks cell by cell in the .NET Interactive kernel (as VS Code does); write executed .ipynb and standalone .html.")
        {
            notebooks, output, parameters, timeout,
        };
        run.SetAction(parse => CliErrors.Run(() =>
        {
            var values = ParseParameters(parse.GetValue(parameters) ?? []);
            double seconds = parse.GetValue(timeout);
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
                throw new ArgumentException($"--timeout: expected a positive number of seconds, got {seconds}.");
            string folder = parse.GetValue(output)!.FullName;
            int status = 0;
            foreach (FileInfo notebook in parse.GetValue(notebooks)!)
            {
                NotebookRunResult result = RunOne(notebook.FullName, folder, values, TimeSpan.FromSeconds(seconds));
                string name = Path.GetFileNameWithoutExtension(notebook.Name);
                if (result.Succeeded)
                    AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {notebook.Name} → {Path.Combine(folder, name + ".ipynb")}, {Path.Combine(folder, name + ".html")}");
                else
                {
                    Console.Error.WriteLine(result.Failure!.ToString());
                    Console.Error.WriteLine($"(outputs up to the failing cell written to {Path.Combine(folder, name + ".ipynb")})");
                    status = CellFailed;
                    break;
                }
                if (result.UnusedParameters.Count > 0)
                    AnsiConsole.MarkupLineInterpolated($"[yellow]note[/]: {notebook.Name} declares no parameter {string.Join(", ", result.UnusedParameters)} (ignored).");
            }
            return status;
        }));
        var command = new Command("notebook", "Polyglot (.NET Interactive) notebooks, run headless in the real kernel.") { run };
        return command;
    }

    private static NotebookRunResult RunOne(string path, string folder, IReadOnlyDictionary<string, string> parameters, TimeSpan cellTimeout)
    {
        NotebookRunResult? result = null;
        string name = Path.GetFileName(path);
        StageProgressDisplay.Run(report =>
        {
            var options = new NotebookRunOptions
            {
                Parameters = parameters,
                CellTimeout = cellTimeout,
                CellStarting = (number, count, _) => report(name, number - 1, count, $"cell {number}/{count}"),
            };
            try
            {
                result = NotebookRunner.RunFileAsync(path, folder, options).GetAwaiter().GetResult();
            }
            catch (NotebookParameterException e)
            {
                throw new ArgumentException($"{path}: {e.Message}", e);
            }
        });
        return result!;
    }

    private static Dictionary<string, string> ParseParameters(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--param expects key=value, got '{pair}'.");
            values[pair[..equals].Trim()] = pair[(equals + 1)..];
        }
        return values;
    }
}
