using System.CommandLine;
using AnomalyLab.Scoring;
using AnomalyLab.Training;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab reconstruct --model M --input X.npy --out Y.npy [--codes-out DIR]</c>: the eval-mode reconstruction
/// (<c>encode</c> → <c>decode_general</c>) of a VQ-VAE-2 — a workbench checkpoint or a PyTorch <c>.pt</c>/safetensors —
/// for checking numbers against PyTorch. X is fed as given (already normalised).
/// </summary>
[CliCommand(42)]
internal static class ReconstructCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "VQ-VAE-2 checkpoint: from 'anomalylab train', or a PyTorch VQ_VAE_2Layer .pt (payload or state dict) / .safetensors.", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "float32 .npy [N, 1, n_mels, frames] or [N, n_mels, frames] (n_mels, frames multiples of 8), fed as given.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Reconstruction .npy, same shape as --input.", Required = true };
        var codes = new Option<DirectoryInfo?>("--codes-out") { Description = "Folder for codes_bottom.npy [N, n_mels/4, frames/4] and codes_top.npy [N, n_mels/8, frames/8] (int64 nearest-codeword indices)." };
        var batch = new Option<int>("--batch") { Description = "Inputs per forward pass.", DefaultValueFactory = _ => 16 };
        var command = new Command("reconstruct", "Reconstruct log-mel windows with a VQ-VAE-2 (workbench or PyTorch checkpoint) and write the code indices.")
        {
            model, input, output, codes, batch,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string inputPath = parse.GetValue(input)!.FullName;
            string modelPath = parse.GetValue(model)!.FullName;
            string outputPath = parse.GetValue(output)!.FullName;
            string? codesFolder = parse.GetValue(codes)?.FullName;
            (int[] shape, CheckpointMetadata metadata) = VqVae2FileReconstruction.Run(modelPath, inputPath, outputPath, codesFolder, parse.GetValue(batch));
            Console.WriteLine($"{outputPath}: [{string.Join(", ", shape)}] reconstruction by {Path.GetFileName(modelPath)} ({metadata.DataDescription ?? "workbench checkpoint"}).");
            return 0;
        }));
        return command;
    }
}
