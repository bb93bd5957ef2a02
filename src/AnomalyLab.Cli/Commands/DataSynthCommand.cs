using System.CommandLine;
using AnomalyLab.Data;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data synth --out DIR [--seed N] [--force]</c>: writes the deterministic synthetic dataset as one folder.</summary>
internal static class DataSynthCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the dataset into (DCASE 2020 layout).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => SyntheticDatasetOptions.Default.Seed };
        var train = new Option<int>("--train-clips") { Description = "Normal training clips per id.", DefaultValueFactory = _ => SyntheticDatasetOptions.Default.TrainClipsPerId };
        var test = new Option<int>("--test-clips") { Description = "Test clips per id and label (normal and anomaly each).", DefaultValueFactory = _ => SyntheticDatasetOptions.Default.TestNormalClipsPerId };
        var seconds = new Option<double>("--seconds") { Description = "Clip duration in seconds.", DefaultValueFactory = _ => SyntheticDatasetOptions.Default.DurationSeconds };
        var force = OutputOptions.Force();
        var command = new Command("synth", "Generate the synthetic machine-sound dataset (fan, pump × id_00/02/04; WAV + anomaly ground truth).") { output, seed, train, test, seconds, force };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(output)!.FullName;
            var options = (SyntheticDatasetOptions.Default with
            {
                Seed = parse.GetValue(seed),
                TrainClipsPerId = parse.GetValue(train),
                TestNormalClipsPerId = parse.GetValue(test),
                TestAnomalyClipsPerId = parse.GetValue(test),
                DurationSeconds = parse.GetValue(seconds),
            }).Validate();
            var truths = StageProgressDisplay.RunDataset(progress => SyntheticDataset.WriteFolder(folder, options, progress, parse.GetValue(force)));
            AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(folder)}: {options.MachineTypes.Count} machine types × {options.MachineIds.Count} ids, " +
                $"{truths.Count} anomalous clips with ground truth in {Markup.Escape(SyntheticDataset.GroundTruthFolder)}/ (seed {options.Seed}).");
            return 0;
        }));
        return command;
    }
}
