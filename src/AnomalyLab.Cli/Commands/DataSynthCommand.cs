using System.CommandLine;
using AnomalyLab.Data;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data synth --out DIR [--seed N]</c>: writes the deterministic synthetic dataset.</summary>
internal static class DataSynthCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the dataset into (DCASE 2020 layout).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => SyntheticDatasetOptions.Default.Seed };
        var command = new Command("synth", "Generate the synthetic machine-sound dataset (fan, pump × id_00/02/04; WAV + anomaly ground truth).") { output, seed };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(output)!.FullName;
            var options = SyntheticDatasetOptions.Default with { Seed = parse.GetValue(seed) };
            var truths = SpectreDatasetProgress.Run(progress => SyntheticDataset.Generate(folder, options, progress));
            AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(folder)}: {options.MachineTypes.Count} machine types × {options.MachineIds.Count} ids, " +
                $"{truths.Count} anomalous clips with ground truth in {Markup.Escape(SyntheticDataset.GroundTruthFolder)}/ (seed {options.Seed}).");
            return 0;
        }));
        return command;
    }
}
