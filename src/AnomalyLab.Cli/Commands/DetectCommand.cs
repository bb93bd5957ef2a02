using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Detectors;
using AnomalyLab.IO;
using AnomalyLab.Metrics;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab detect --detector lof --train train.npy --test test.npy --out scores.csv</c> (feature matrices) or
/// <c>anomalylab detect --detector lof [--data ROOT] --machine fan --out scores.csv</c> (clips → log-mel summaries).
/// </summary>
[CliCommand(40)]
internal static class DetectCommand
{
    public static Command Create()
    {
        var detector = new Option<string>("--detector") { Description = $"Detector: {string.Join("|", DetectorCatalog.Names)}.", Required = true };
        var train = new Option<FileInfo?>("--train") { Description = "Normal training features, 2-D .npy [samples, features]." };
        var test = new Option<FileInfo?>("--test") { Description = "Features to score, 2-D .npy [samples, features] (same feature count)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root (DCASE layout); without it and without --train the synthetic default is used." };
        var machine = new Option<string?>("--machine") { Description = "Machine type to score in --data mode, e.g. fan." };
        var output = new Option<FileInfo>("--out") { Description = "Output CSV: index,score (matrices) or file,score,label (clips); higher = more anomalous.", Required = true };
        var neighbors = new Option<int?>("--neighbors") { Description = "k for knn (default 5) and lof (default 20)." };
        var trees = new Option<int?>("--trees") { Description = "Isolation Forest trees (default 100)." };
        var maxSamples = new Option<int?>("--max-samples") { Description = "Isolation Forest sub-sample size (default 256)." };
        var nu = new Option<double?>("--nu") { Description = "One-Class SVM nu (default 0.5)." };
        var gamma = new Option<double?>("--gamma") { Description = "RBF gamma for ocsvm (default 1/(n_features*var)) and kpca (default 1/n_features)." };
        var components = new Option<int?>("--components") { Description = "Components of pca/kpca (default: 90% of the variance)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of randomised detectors (default 0)." };
        var features = PresetOptions.Features(acceptOldName: false,
            "Clip features in --data mode (per-band mean and std over frames): dcase2020-baseline or torchaudio (log-mel), or mfcc (20 MFCCs, NWaves).", "dcase2020-baseline");
        var command = new Command("detect", "Score samples with a classic anomaly detector (k-NN, LOF, Isolation Forest, One-Class SVM, PCA, kernel PCA, Gaussian).")
        {
            detector, train, test, data, machine, output, neighbors, trees, maxSamples, nu, gamma, components, seed, features,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string name = parse.GetValue(detector)!;
            var settings = new DetectorSettings(parse.GetValue(neighbors), parse.GetValue(trees), parse.GetValue(maxSamples), parse.GetValue(nu),
                parse.GetValue(gamma), parse.GetValue(components), parse.GetValue(seed));
            DetectorCatalog.Create(name, settings); // unknown names and bad settings fail before any file is read
            string destination = parse.GetValue(output)!.FullName;
            FileInfo? trainFile = parse.GetValue(train), testFile = parse.GetValue(test);
            OutputPaths.CheckFile(destination, [trainFile?.FullName, testFile?.FullName]);
            if (trainFile is not null || testFile is not null)
            {
                if (trainFile is null || testFile is null) throw new ArgumentException("--train and --test go together: give both .npy files.");
                if (parse.GetValue(data) is not null || parse.GetValue(machine) is not null)
                    throw new ArgumentException("--train/--test (feature matrices) and --data/--machine (clips) exclude each other.");
                ScoreMatrices(name, settings, trainFile.FullName, testFile.FullName, destination);
            }
            else
            {
                string type = parse.GetValue(machine) ?? throw new ArgumentException("give --train and --test (.npy matrices), or --machine <type> to score clips of --data (default: the synthetic dataset).");
                MachineClipScoringOptions scoring = MachineClipScoringOptions.FromFeatureName(parse.GetValue(features)!);
                ScoreClips(name, settings, parse.GetValue(data)?.FullName, type, destination, scoring);
            }
            return 0;
        }));
        return command;
    }

    private static void ScoreMatrices(string name, DetectorSettings settings, string trainPath, string testPath, string destination)
    {
        (double[,] trainX, double[,] testX) = DetectorInputFile.ReadPair(trainPath, testPath);
        IAnomalyDetector model = DetectorCatalog.Create(name, settings);
        double[] scores = StageProgressDisplay.Run(report =>
            MatrixScoring.FitAndScore(model, name, trainX, testX, new SynchronousProgress<StageProgress>(p => report(p.Stage, p.Done, p.Total))));
        ScoresCsv.WriteIndexed(destination, scores);
        AnsiConsole.MarkupLineInterpolated($"{destination}: {scores.Length} scores ({name}, higher = more anomalous).");
    }

    private static void ScoreClips(string name, DetectorSettings settings, string? root, string machineType, string destination, MachineClipScoringOptions scoring)
    {
        if (root is null)
        {
            root = StageProgressDisplay.RunDataset(progress => SyntheticDataset.EnsureDefault(progress: progress));
            AnsiConsole.MarkupLineInterpolated($"[grey]--data not given: synthetic default at {root}[/]");
        }
        DatasetScan scan = DatasetScanner.Scan(root!);
        IReadOnlyList<ScoredClip> clips = StageProgressDisplay.Run(report =>
            MachineClipScoring.Score(scan, machineType, () => DetectorCatalog.Create(name, settings), options: scoring,
                progress: new SynchronousProgress<StageProgress>(p => report(p.Stage, p.Done, p.Total))));
        ScoresCsv.Write(destination, clips);
        AnsiConsole.MarkupLineInterpolated($"{destination}: {clips.Count} test clips of {machineType} scored with {name}.");
        if (clips.Any(c => c.Anomalous) && clips.Any(c => !c.Anomalous))
            EvaluateScoresCommand.Print(MetricsTable.Evaluate(clips));
    }
}
