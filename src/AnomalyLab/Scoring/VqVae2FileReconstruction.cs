using AnomalyLab.IO;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Training;

namespace AnomalyLab.Scoring;

/// <summary>
/// The eval-mode reconstruction (<c>encode</c> → <c>decode_general</c>) of log-mel windows in a <c>.npy</c> file by a VQ-VAE-2 —
/// a workbench checkpoint or a PyTorch <c>.pt</c>/safetensors — written as <see cref="VqVae2PassFiles"/>, for checking numbers
/// against PyTorch (<c>anomalylab reconstruct</c>). The input is fed as given (already normalised): no normalisation is applied.
/// </summary>
public static class VqVae2FileReconstruction
{
    /// <summary>
    /// Reads <paramref name="inputPath"/>, loads <paramref name="modelPath"/> (weights only), reconstructs every window and
    /// writes the reconstruction (and the code indices when <paramref name="codesFolder"/> is given).
    /// </summary>
    /// <param name="modelPath">VQ-VAE-2 checkpoint: from training, or a PyTorch <c>VQ_VAE_2Layer</c> file.</param>
    /// <param name="inputPath">float32 <c>.npy</c> <c>[N, 1, n_mels, frames]</c> or <c>[N, n_mels, frames]</c>, n_mels and frames multiples of 8.</param>
    /// <param name="outputPath">Reconstruction <c>.npy</c>, the input's shape.</param>
    /// <param name="codesFolder">Folder for <c>codes_bottom.npy</c> / <c>codes_top.npy</c>; null = none.</param>
    /// <param name="batchSize">Windows per forward pass.</param>
    /// <returns>The input's shape and the model's metadata.</returns>
    /// <exception cref="OutputRefusedException">An output that is one of the inputs (or another output), checked before anything is read.</exception>
    /// <exception cref="InvalidDataException">An input of another shape, or a checkpoint that is not a VQ-VAE-2.</exception>
    public static (int[] Shape, CheckpointMetadata Metadata) Run(string modelPath, string inputPath, string outputPath, string? codesFolder, int batchSize)
    {
        OutputPaths.CheckFile(outputPath, [inputPath, modelPath]);
        if (codesFolder is not null)
            foreach (string name in (string[])[VqVae2PassFiles.BottomCodesFileName, VqVae2PassFiles.TopCodesFileName])
                OutputPaths.CheckFile(Path.Combine(codesFolder, name), [inputPath, modelPath, outputPath]);
        NpyArray x = NpyFile.Read(inputPath);
        int[] shape = x.Shape;
        if (shape.Length is not (3 or 4) || (shape.Length == 4 && shape[1] != 1))
            throw new InvalidDataException($"{inputPath}: shape ({string.Join(", ", shape)}); expected [N, 1, n_mels, frames] or [N, n_mels, frames].");
        int n = shape[0], height = shape[^2], width = shape[^1];
        if (height % 8 != 0 || width % 8 != 0 || n == 0)
            throw new InvalidDataException($"{inputPath}: shape ({string.Join(", ", shape)}); n_mels and frames must be multiples of 8 (the /8 top grid) and N > 0.");
        // The inputs are already in model units: the normalisation choice does not enter here.
        using LoadedCheckpoint checkpoint = ModelCheckpoint.Load(modelPath, new PyTorchImportOptions { Normalization = InputNormalization.None });
        if (checkpoint.Model is not VqVae2TrainableModel vq)
            throw new InvalidDataException($"{modelPath}: a {checkpoint.Metadata.Kind.CliName()} checkpoint; reconstruct needs a VQ-VAE-2.");
        VqVae2Pass pass = VqVae2Inference.Run(vq.Model, x.Values, n, height, width, batchSize);
        VqVae2PassFiles.Write(pass, outputPath, shape, codesFolder);
        return (shape, checkpoint.Metadata);
    }
}
