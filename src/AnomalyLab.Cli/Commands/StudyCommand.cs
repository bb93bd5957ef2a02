using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.IO;
using AnomalyLab.Features;
using AnomalyLab.Reports;
using AnomalyLab.Studies;
using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab study [--data ROOT] [--machine TYPE] [--ids id_00,id_02] [--features torchaudio] [--normalize none|global|per-mel] [--model model.ckpt] [--out DIR]</c>:
/// the spectrogram study (mean/difference/localisation maps, band statistics, residuals, summary) as an offline HTML report
/// plus summary.json and summary.csv. Without --data it runs on the embedded synthetic default.
/// </summary>
[CliCommand(20)]
internal static class StudyCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root (DCASE 2020 layout or one machine-type folder). Default: the embedded synthetic dataset (generated once into the cache)." };
        var machine = new Option<string[]>("--machine") { Description = "Machine type(s) to study; default every type found.", AllowMultipleArgumentsPerToken = true };
        var ids = new Option<string?>("--ids") { Description = "Comma-separated machine ids, e.g. id_00,id_02; default every id." };
        var preset = PresetOptions.Features(acceptOldName: true);
        var normalize = new Option<string>("--normalize") { Description = "none (dB), global or per-mel (statistics from train normals; needs train/).", DefaultValueFactory = _ => "none" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder for index.html, summary.json, summary.csv.", DefaultValueFactory = _ => new DirectoryInfo("study-report") };
        var components = new Option<int>("--pca-components") { Description = "Components of the per-id PCA reconstruction baseline.", DefaultValueFactory = _ => PcaSpectrumOptions.Default.Components };
        var model = new Option<FileInfo?>("--model") { Description = "Reconstruction model to use instead of per-id PCA: a workbench checkpoint, or a PyTorch Stage-1 VQ_VAE_2Layer .pt/.safetensors." };
        var inputNormalization = InputNormalizationOption.Create("Recorded in summary.json.");
        var force = OutputOptions.Force();
        var command = new Command("study", "Spectrogram study: where and how anomalies appear, per machine type and id (HTML report + summary.json/csv).")
        {
            data, machine, ids, preset, normalize, output, components, model, inputNormalization, force,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFolder(folder, [parse.GetValue(data)?.FullName, parse.GetValue(model)?.FullName], parse.GetValue(force));
            PresetOptions.NoteIfDeprecated(parse, preset);
            // A trained autoencoder (e.g. the Stage-1 VQ-VAE) replaces the per-id PCA in the reconstruction-residual section.
            InputNormalization? chosen = InputNormalizationOption.Read(parse, inputNormalization);
            string? modelPath = parse.GetValue(model)?.FullName;
            Func<string, IReconstructionModel?>? modelFor = modelPath is null ? null
                : CheckpointReconstructionModel.ForStudy(modelPath, chosen, parse.GetValue(data)?.FullName);
            var request = new StudyRequest
            {
                DataRoot = parse.GetValue(data)?.FullName,
                MachineTypes = CommaLists.SplitAll(parse.GetValue(machine)),
                MachineIds = CommaLists.Split(parse.GetValue(ids)),
                Preset = parse.GetValue(preset)!,
                Standardisation = StandardisationNames.Parse(parse.GetValue(normalize)!),
                Study = StudyOptions.Default with { Pca = new PcaSpectrumOptions { Components = parse.GetValue(components) }.Validate() },
            };
            StudyResult result = StageProgressDisplay.Run(report =>
            {
                var progress = new SynchronousProgress<StageProgress>(p => report(p.Stage, p.Done, p.Total));
                StudyResult finished = StudyRunner.Run(request, progress, modelFor);
                report("writing report", 0, 1);
                StudyOutput.Write(folder, finished, parse.GetValue(force));
                report("writing report", 1, 1);
                return finished;
            });
            foreach (string note in result.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
            ConsoleTables.Write(ResultTables.StudyOverview(result));
            Console.WriteLine($"Report: {Path.Combine(folder, "index.html")}; summary: {Path.Combine(folder, "summary.json")}, {Path.Combine(folder, "summary.csv")}");
            return 0;
        }));
        return command;
    }
}
