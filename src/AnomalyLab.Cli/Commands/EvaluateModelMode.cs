using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Metrics;
using AnomalyLab.Scoring;
using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab evaluate --model model.ckpt [--data ROOT] --machine TYPE --out DIR</c>: scores a machine type's test clips
/// with a trained autoencoder and writes the DCASE 2020 files (<c>anomaly_score_&lt;type&gt;_&lt;id&gt;.csv</c>, <c>result.csv</c>).
/// Plugs into <see cref="EvaluateScoresCommand"/> through its <c>AddModes</c> hook.
/// </summary>
internal static partial class EvaluateScoresCommand
{
    static partial void AddModes(Command command, Option<DirectoryInfo?> output, Option<bool> force, List<EvaluateMode> modes)
    {
        var model = new Option<FileInfo?>("--model") { Description = "Checkpoint written by 'anomalylab train'; scores the test clips of --machine by reconstruction error." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root in DCASE layout (with --model); default: the built-in synthetic dataset." };
        var machine = new Option<string?>("--machine") { Description = "Machine type folder to evaluate (with --model), e.g. slider." };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N (with --model).", DefaultValueFactory = _ => "auto" };
        var inputNormalization = InputNormalizationOption.Create();
        command.Options.Add(model);
        command.Options.Add(data);
        command.Options.Add(machine);
        command.Options.Add(device);
        command.Options.Add(inputNormalization);
        modes.Add(new EvaluateMode("--model model.ckpt --machine TYPE", parse => parse.GetValue(model) is not null, parse =>
        {
            FileInfo checkpoint = parse.GetValue(model)!;
            string machineType = parse.GetValue(machine) ?? throw new ArgumentException("--model needs --machine TYPE (the machine type folder to evaluate).");
            string root = parse.GetValue(data)?.FullName ?? SyntheticDataset.EnsureDefault();
            string folder = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, $"evaluation-{machineType}");
            // Rendered from the scoring thread only (see TrainCommand: TorchSharp Scalars and background GCs); plain lines when piped.
            MetricsTable table = StageProgressDisplay.Run(report =>
                DcaseScoring.Evaluate(checkpoint.FullName, root, machineType, folder, parse.GetValue(device)!,
                    new SynchronousProgress<StageProgress>(p => report($"score {machineType}", p.Done, p.Total)),
                    InputNormalizationOption.Read(parse, inputNormalization), parse.GetValue(force)).Metrics);
            Print(table);
            AnsiConsole.MarkupLineInterpolated($"{folder}: anomaly_score_{machineType}_<id>.csv and result.csv ({table.Rows.Count} machine ids).");
            return 0;
        }));
    }
}
