using System.CommandLine;
using AnomalyLab.Audio;
using AnomalyLab.Detectors;
using AnomalyLab.IO;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.StftVae;
using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab watch-train --normals DIR --out model.ckpt [--policy mean-std:2|quantile:0.99|far:0.01]</c>: trains the
/// STFT-VAE threshold detector that <c>anomalylab watch</c> uses.
/// </summary>
[CliCommand(45)]
internal static class WatchTrainCommand
{
    public static Command Create()
    {
        var normals = new Option<DirectoryInfo>("--normals") { Description = "Folder of normal WAV recordings (any sample rate; see --resample).", Required = true };
        var pattern = new Option<string>("--pattern") { Description = "File-name pattern inside the folder, e.g. normal_id_00_*.wav.", DefaultValueFactory = _ => "*.wav" };
        var maxFiles = new Option<int?>("--max-files") { Description = "Use only the first N matching files (name order), for quick runs." };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (conv VAE weights + STFT preset + threshold).", Required = true };
        var policy = new Option<string>("--policy")
        {
            Description = "Threshold policy: mean-std:K (mean + K·σ of the training errors), quantile:Q (of the training errors) or far:RATE (false-alarm rate on held-out normals).",
            DefaultValueFactory = _ => "mean-std:2",
        };
        var resample = new Option<int?>("--resample") { Description = "Resample every file to this rate (Hz); default: train at the files' rate (all files must share it)." };
        var segment = new Option<string>("--segment") { Description = "Training segment length (use the one you will watch with), e.g. 2s.", DefaultValueFactory = _ => "2s" };
        var overlap = new Option<string>("--overlap") { Description = "Overlap of training segments, e.g. 1s (more segments from few files).", DefaultValueFactory = _ => "0s" };
        var heldOut = new Option<double>("--held-out") { Description = "Fraction of files held out of training for calibration (far) and a false-alarm estimate.", DefaultValueFactory = _ => 0.2 };
        var nfft = new Option<int>("--n-fft") { Description = "FFT size, samples.", DefaultValueFactory = _ => StftPatchOptions.Default.NFft };
        var hop = new Option<int>("--hop") { Description = "STFT hop, samples.", DefaultValueFactory = _ => StftPatchOptions.Default.HopLength };
        var frames = new Option<int>("--frames") { Description = "Frames per patch (crop/zero-pad rule).", DefaultValueFactory = _ => StftPatchOptions.Default.Frames };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch-size") { Description = "Batch size.", DefaultValueFactory = _ => TrainingOptions.ConvVaeDefault.BatchSize };
        var rate = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => TrainingOptions.ConvVaeDefault.LearningRate };
        var full = new Option<bool>("--full-network") { Description = "Use the default conv VAE (channels 32-256, latent 64) instead of the small one (8/16/32, latent 16)." };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, file split, shuffles.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var command = new Command("watch-train", "Train the STFT-VAE threshold detector for 'watch' on a folder of normal recordings.")
        {
            normals, pattern, maxFiles, output, policy, resample, segment, overlap, heldOut, nfft, hop, frames, epochs, batch, rate, full, seed, device,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string normalsFolder = parse.GetValue(normals)!.FullName;
            OutputPaths.CheckFile(parse.GetValue(output)!.FullName,
                Directory.Exists(normalsFolder) ? Directory.EnumerateFiles(normalsFolder, parse.GetValue(pattern)!) : []);
            var request = new StftVaeTrainingRequest
            {
                NormalsFolder = parse.GetValue(normals)!.FullName,
                FilePattern = parse.GetValue(pattern)!,
                MaxFiles = parse.GetValue(maxFiles),
                ModelPath = parse.GetValue(output)!.FullName,
                Policy = ThresholdPolicy.Parse(parse.GetValue(policy)!),
                TargetSampleRate = parse.GetValue(resample),
                Segments = new SegmentOptions
                {
                    SegmentSeconds = SegmentOptions.ParseSeconds(parse.GetValue(segment)!),
                    OverlapSeconds = SegmentOptions.ParseSeconds(parse.GetValue(overlap)!),
                },
                HeldOutFraction = parse.GetValue(heldOut),
                Patch = StftPatchOptions.Default with { NFft = parse.GetValue(nfft), HopLength = parse.GetValue(hop), Frames = parse.GetValue(frames) },
                Network = parse.GetValue(full) ? ConvVaeOptions.Default : ConvVaeOptions.Small,
                Training = TrainingOptions.ConvVaeDefault with
                {
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(rate),
                    Seed = parse.GetValue(seed),
                    Device = parse.GetValue(device)!,
                },
            };

            request.Training.Validate();
            StftVaeTrainingResult result = StageProgressDisplay.RunTraining("STFT patches", "train conv VAE",
                (training, files) => StftVaeTrainingRun.Run(request, training, files));

            StoredThreshold threshold = result.Settings.Threshold;
            Console.WriteLine($"{request.ModelPath}: conv VAE on {result.TrainingFiles.Count} files ({result.Settings.TrainingSegments} segments of {request.Segments.SegmentSeconds:G} s) " +
                $"at {result.Settings.Patch.SampleRate} Hz, {result.Training.State.EpochsCompleted} epochs on {result.Training.Device}; " +
                $"threshold {threshold.Value:G6} ({threshold.Policy}: {threshold.Method}, from {threshold.CalibrationCount} {threshold.CalibrationSource} segments).");
            if (result.HeldOutScores.Count > 0)
                Console.WriteLine($"held-out normals: {result.HeldOutFiles.Count} files, {result.HeldOutScores.Count} segments, false-alarm rate {result.HeldOutFalseAlarmRate:P1}.");
            return 0;
        }));
        return command;
    }
}
