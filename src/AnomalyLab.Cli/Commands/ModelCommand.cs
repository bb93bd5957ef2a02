using System.CommandLine;
using AnomalyLab.IO;
using AnomalyLab.Training;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab model export --model M --format pt|safetensors --out F</c>: a VQ-VAE-2 checkpoint (workbench-trained
/// in the Sdsr layout, or an imported PyTorch one) as a state dict that the seed's <c>VQ_VAE_2Layer</c> loads with
/// <c>strict=True</c>.
/// </summary>
[CliCommand(43)]
internal static class ModelCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "VQ-VAE-2 checkpoint (workbench .ckpt in the sdsr layout, or a PyTorch .pt / .safetensors).", Required = true };
        var format = new Option<string>("--format") { Description = "pt (torch.save state dict) or safetensors.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File to write (replaced atomically).", Required = true };
        var export = new Command("export", "Write a VQ-VAE-2 as a PyTorch state dict for semcom-sDSR's VQ_VAE_2Layer (load_state_dict strict=True).")
        {
            model, format, output,
        };
        export.SetAction(parse => CliErrors.Run(() =>
        {
            PyTorchStateDictFormat kind = parse.GetValue(format)!.Trim().ToLowerInvariant() switch
            {
                "pt" or "pth" or "torch" => PyTorchStateDictFormat.StateDict,
                "safetensors" => PyTorchStateDictFormat.Safetensors,
                string other => throw new ArgumentException($"--format '{other}': expected pt or safetensors."),
            };
            string modelPath = parse.GetValue(model)!.FullName, outputPath = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFile(outputPath, [modelPath]);
            // Weights only: the normalisation is not part of a state dict.
            using LoadedCheckpoint checkpoint = ModelCheckpoint.Load(modelPath, new PyTorchImportOptions { Normalization = InputNormalization.None });
            PyTorchCheckpoint.Export(checkpoint, outputPath, kind);
            Console.WriteLine($"{outputPath}: VQ_VAE_2Layer state dict ({(kind == PyTorchStateDictFormat.StateDict ? "torch.save" : "safetensors")}); load with model.load_state_dict(torch.load(path), strict=True).");
            return 0;
        }));
        return new Command("model", "Model files: export to PyTorch.") { export };
    }
}
