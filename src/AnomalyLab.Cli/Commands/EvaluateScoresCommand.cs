using System.CommandLine;
using AnomalyLab.Metrics;
using AnomalyLab.Reports;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab evaluate --scores scores.csv [--out DIR]</c>: AUC and pAUC (FPR ≤ 0.1) per machine id and their means
/// for any scorer's <c>file,score,label</c> CSV; writes <c>DIR/result.csv</c> (the folder as one unit), or, without
/// <c>--out</c>, <c>result.csv</c> beside the scores (never over the scores file itself).
/// Other evaluation modes (e.g. <c>--model</c>) plug in through <see cref="AddModes"/> without editing this file:
/// implement that partial method in another file, add options to the command and an <see cref="EvaluateMode"/>.
/// </summary>
[CliCommand(60)]
internal static partial class EvaluateScoresCommand
{
    /// <summary>One way to run <c>evaluate</c>: chosen when <paramref name="IsSelected"/> holds for the parsed arguments.</summary>
    /// <param name="Usage">How the mode is asked for, for the error when none is selected (e.g. <c>--scores scores.csv</c>).</param>
    /// <param name="IsSelected">True when the arguments ask for this mode.</param>
    /// <param name="Run">Runs the mode; returns the exit code.</param>
    internal sealed record EvaluateMode(string Usage, Func<ParseResult, bool> IsSelected, Func<ParseResult, int> Run);

    /// <summary>Adds options and modes of other evaluation sources (implemented elsewhere, e.g. by the models' <c>--model</c>).</summary>
    static partial void AddModes(Command command, Option<DirectoryInfo?> output, Option<bool> force, List<EvaluateMode> modes);

    public static Command Create()
    {
        var scores = new Option<FileInfo?>("--scores") { Description = "Scores CSV with columns file,score,label (label 1 = anomalous); machine id parsed from the file name (id_XX / section_XX)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for result.csv (id,AUC,pAUC,normals,anomalies + averages); default: beside the scores file." };
        var force = OutputOptions.Force();
        var command = new Command("evaluate", "DCASE-style evaluation: AUC and pAUC (max FPR 0.1) per machine id, arithmetic and harmonic means.")
        {
            scores, output, force,
        };
        var modes = new List<EvaluateMode>
        {
            new("--scores scores.csv", parse => parse.GetValue(scores) is not null, parse =>
            {
                FileInfo file = parse.GetValue(scores)!;
                EvaluateScores(file.FullName, parse.GetValue(output)?.FullName, parse.GetValue(force));
                return 0;
            }),
        };
        AddModes(command, output, force, modes);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var selected = modes.Where(m => m.IsSelected(parse)).ToList();
            return selected.Count switch
            {
                1 => selected[0].Run(parse),
                0 => throw new ArgumentException($"nothing to evaluate: give {string.Join(" or ", modes.Select(m => m.Usage))}."),
                _ => throw new ArgumentException($"choose one of {string.Join(", ", selected.Select(m => m.Usage))}, not several."),
            };
        }));
        return command;
    }

    private static void EvaluateScores(string scoresPath, string? folder, bool force)
    {
        (MetricsTable table, string result) = EvaluationOutput.Write(scoresPath, folder, force);
        Print(table);
        AnsiConsole.MarkupLineInterpolated($"{result}: AUC/pAUC of {table.Rows.Count} machine id(s).");
    }

    /// <summary>Prints the metrics table (per id, then both averages).</summary>
    internal static void Print(MetricsTable table) => ConsoleTables.Write(ResultTables.Evaluation(table));
}
