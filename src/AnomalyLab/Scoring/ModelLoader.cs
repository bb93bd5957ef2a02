using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Training;

namespace AnomalyLab.Scoring;

/// <summary>
/// Opens whatever a <c>--model</c> option names for a machine type: a workbench checkpoint as it is, or a PyTorch Stage-1
/// file (<c>.pt</c>, safetensors) with the chosen <see cref="InputNormalization"/> — <c>fit</c> fitted here on the
/// type's training clips, the seed's standardisation before Stage 1.
/// </summary>
public static class ModelLoader
{
    /// <summary>Training clips the <c>fit</c> normalisation reads at most (sorted by name). Default 200.</summary>
    public const int FitClips = 200;

    /// <summary>Loads <paramref name="path"/> (CPU, eval mode).</summary>
    /// <param name="path">Checkpoint or PyTorch file.</param>
    /// <param name="normalization">Required for a PyTorch file (a state dict carries none); ignored for a workbench checkpoint, which stores its own.</param>
    /// <param name="dataRoot">Dataset root in DCASE layout (for <c>fit</c>).</param>
    /// <param name="machineType">Machine type whose <c>train/</c> clips <c>fit</c> reads.</param>
    /// <param name="features">Log-mel settings for an imported model (null = torchaudio, the seed's).</param>
    /// <exception cref="InvalidDataException">A PyTorch file without a normalisation, or unreadable.</exception>
    public static LoadedCheckpoint Load(string path, InputNormalization? normalization, string? dataRoot = null, string? machineType = null, LogMelOptions? features = null)
    {
        if (!PyTorchStateDictFile.IsPyTorchFile(path)) return ModelCheckpoint.Load(path);
        if (normalization is null)
            throw new InvalidDataException($"{path}: a PyTorch checkpoint carries no input normalisation; choose one explicitly with --input-normalization none|fit|MEAN,STD (the seed standardises log-mels with its training statistics).");
        LogMelOptions logMel = features ?? LogMelOptions.Torchaudio;
        Standardiser? fitted = null;
        if (normalization.Kind == InputNormalizationKind.FitOnTraining)
        {
            if (dataRoot is null || machineType is null)
                throw new ArgumentException($"{path}: --input-normalization fit needs a dataset and a machine type to fit on.");
            fitted = FitOnTraining(dataRoot, machineType, logMel);
        }
        return PyTorchCheckpoint.Import(path, new PyTorchImportOptions { Features = logMel, Normalization = normalization, FittedStatistics = fitted });
    }

    /// <summary>Mean and standard deviation (dB) of the log-mels of up to <see cref="FitClips"/> training normals of <paramref name="machineType"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No <c>train/</c> folder.</exception>
    public static Standardiser FitOnTraining(string dataRoot, string machineType, LogMelOptions features)
    {
        var clips = DatasetScanner.ListDcase2020(dataRoot, machineType, DataSplit.Train).Where(c => !c.IsAnomaly).Take(FitClips).ToList();
        if (clips.Count == 0) throw new InvalidDataException($"{Path.Combine(dataRoot, machineType, "train")}: no normal training clip to fit the input normalisation on.");
        // Every frame of every clip (the statistics cover whole clips), on all cores into one block; not cached (a subset of train).
        var extraction = new FeatureExtractionOptions { LogMel = features, Length = ClipFeatureExtractor.FullLength(clips, features), UseCache = false };
        using FeatureBlock block = ClipFeatureExtractor.Extract(clips, extraction);
        return Standardiser.Fit([block], Standardisation.Global);
    }
}
