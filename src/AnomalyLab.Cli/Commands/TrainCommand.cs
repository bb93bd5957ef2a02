using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.IO;
using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab train --model dense-ae --data ROOT --machine slider --out model.ckpt</c>: trains an autoencoder on normal clips.</summary>
[CliCommand(40)]
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model: vqvae2, conv-vae or dense-ae.", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root in DCASE layout (<root>/<machine>/train/normal_id_XX_*.wav); default: the built-in synthetic dataset (generated once into the cache)." };
        var machine = new Option<string>("--machine") { Description = "Machine type folder, e.g. slider.", Required = true };
        var machineId = new Option<string?>("--id") { Description = "Train on one machine id only (e.g. id_00); default all ids." };
        var output = new Option<FileInfo>("--out") { Description = "Checkpoint file to write.", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default: the model's preset: 100 dense-ae, 50 otherwise)." };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Stop after this many optimiser steps." };
        var batch = new Option<int?>("--batch-size") { Description = "Batch size (default: the model's preset)." };
        var rate = new Option<double?>("--lr") { Description = "Adam learning rate (default: the model's preset)." };
        var patience = new Option<int?>("--patience") { Description = "Early stop after this many epochs without a better validation loss." };
        var seed = new Option<int>("--seed") { Description = "Seed of initial weights, split and shuffles.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var small = new Option<bool>("--small") { Description = "Use the small network preset (vqvae2, conv-vae) for quick runs." };
        var resume = new Option<bool>("--resume") { Description = "Continue from --out when it exists (same options required)." };
        var command = new Command("train", "Train an autoencoder (VQ-VAE-2, conv VAE, DCASE 2020 dense AE) on a machine type's normal clips.")
        {
            model, data, machine, machineId, output, epochs, maxSteps, batch, rate, patience, seed, device, small, resume,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            ModelKind kind = ModelKinds.Parse(parse.GetValue(model)!);
            TrainingOptions preset = TrainingOptions.For(kind);
            TrainingOptions training = (preset with
            {
                Epochs = parse.GetValue(epochs) ?? preset.Epochs,
                MaxSteps = parse.GetValue(maxSteps) ?? preset.MaxSteps,
                BatchSize = parse.GetValue(batch) ?? preset.BatchSize,
                LearningRate = parse.GetValue(rate) ?? preset.LearningRate,
                EarlyStoppingPatience = parse.GetValue(patience) ?? preset.EarlyStoppingPatience,
                Seed = parse.GetValue(seed),
                Device = parse.GetValue(device)!,
            }).Validate();
            System.Text.Json.JsonElement? modelOptions = parse.GetValue(small) ? TrainableModel.SmallOptions(kind) : null;
            OutputPaths.CheckFile(parse.GetValue(output)!.FullName, [parse.GetValue(data)?.FullName]);
            string root = parse.GetValue(data)?.FullName ?? SyntheticDataset.EnsureDefault();
            var request = new DcaseTrainingRequest
            {
                Kind = kind,
                DataRoot = root,
                MachineType = parse.GetValue(machine)!,
                MachineId = parse.GetValue(machineId),
                CheckpointPath = parse.GetValue(output)!.FullName,
                Training = training,
                ModelOptions = modelOptions,
                Resume = parse.GetValue(resume),
            };

            TrainingResult result = StageProgressDisplay.RunTraining("features", $"train {kind.CliName()}",
                (training, features) => DcaseTrainingRun.Run(request, training, features));

            TrainingState state = result.State;
            EpochRecord last = state.History[^1];
            Console.WriteLine($"{request.CheckpointPath}: {kind.CliName()} trained {state.EpochsCompleted} epochs / {state.Steps} steps on {result.Device} " +
                $"({result.TrainSamples} train, {result.ValidationSamples} validation samples); last train loss {last.TrainLoss:G4}" +
                (state.BestEpoch > 0 ? $", best validation loss {state.BestValidationLoss:G4} at epoch {state.BestEpoch}" : "") +
                (state.StoppedEarly ? " (early stop)" : "") + ".");
            return 0;
        }));
        return command;
    }
}
