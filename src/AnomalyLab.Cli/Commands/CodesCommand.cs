using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.IO;
using AnomalyLab.Reports;
using AnomalyLab.Scoring;
using AnomalyLab.Studies;
using AnomalyLab.Studies.Codes;
using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab codes --model M [--data ROOT] --machine T --out DIR</c>: the quantized (code-level) anomaly study of a
/// VQ-VAE-2 (workbench checkpoint or PyTorch Stage-1 file): index.html, summary.json and .npy maps.
/// </summary>
[CliCommand(25)]
internal static class CodesCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "VQ-VAE-2: a workbench checkpoint, or a PyTorch VQ_VAE_2Layer .pt / .safetensors.", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root (DCASE layout). Default: the embedded synthetic dataset." };
        var machine = new Option<string>("--machine") { Description = "Machine type to study, e.g. slider.", Required = true };
        var ids = new Option<string?>("--ids") { Description = "Comma-separated machine ids; default every id." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (index.html, summary.json, maps/, usage/, scores/).", DefaultValueFactory = _ => new DirectoryInfo("codes-report") };
        var inputNormalization = InputNormalizationOption.Create("Recorded in summary.json.");
        var reference = new Option<int>("--reference-clips") { Description = "Train normals per id that define each position's reference code.", DefaultValueFactory = _ => 100 };
        var force = OutputOptions.Force();
        var command = new Command("codes", "Quantized anomaly study: code usage, where codes change, change fraction as a score, t-SNE (HTML + summary.json + .npy).")
        {
            model, data, machine, ids, output, inputNormalization, reference, force,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFolder(folder, [parse.GetValue(model)!.FullName, parse.GetValue(data)?.FullName], parse.GetValue(force));
            string type = parse.GetValue(machine)!;
            string root = parse.GetValue(data)?.FullName ?? SyntheticDataset.EnsureDefault();
            InputNormalization? chosen = InputNormalizationOption.Read(parse, inputNormalization);
            using LoadedCheckpoint checkpoint = ModelLoader.Load(parse.GetValue(model)!.FullName, chosen, root, type);
            var request = new CodeStudyRequest
            {
                DataRoot = root,
                MachineType = type,
                MachineIds = CommaLists.Split(parse.GetValue(ids)),
                ReferenceClipsPerId = parse.GetValue(reference) > 0 ? parse.GetValue(reference) : throw new ArgumentException("--reference-clips must be positive."),
            };
            CodeStudyResult result = StageProgressDisplay.Run(report =>
                CodeStudy.Run(checkpoint, request, new SynchronousProgress<StageProgress>(p => report(p.Stage, p.Done, p.Total))));
            CodeStudyOutput.Write(folder, result, parse.GetValue(force));
            foreach (string note in result.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
            ConsoleTables.Write(ResultTables.CodeLevels(result));
            Console.WriteLine($"Report: {Path.Combine(folder, "index.html")}; summary: {Path.Combine(folder, "summary.json")}");
            return 0;
        }));
        return command;
    }
}
