using System.Globalization;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Models.VqVae2;

namespace AnomalyLab.Training;

/// <summary>Where the input normalisation of an imported PyTorch model comes from (a PyTorch state dict carries none).</summary>
public enum InputNormalizationKind
{
    /// <summary>Feed log-mels in dB as they are (mean 0, std 1).</summary>
    None,

    /// <summary>A mean and standard deviation given by the user (e.g. the seed's training statistics).</summary>
    Fixed,

    /// <summary>Mean and standard deviation of the training clips of the machine type at hand, as the seed standardises before Stage 1.</summary>
    FitOnTraining,
}

/// <summary>
/// The input normalisation chosen for an imported model: an explicit choice, recorded in the checkpoint metadata
/// (<see cref="CheckpointMetadata.DataDescription"/>) and in every study summary that uses it.
/// CLI form (<see cref="Parse"/>): <c>none</c>, <c>fit</c>, or <c>MEAN,STD</c> (dB).
/// </summary>
/// <param name="Kind">Where the statistics come from.</param>
/// <param name="Mean">Mean subtracted, dB (Fixed only).</param>
/// <param name="Std">Standard deviation divided by, dB (Fixed only; positive).</param>
public sealed record InputNormalization(InputNormalizationKind Kind, double Mean = 0, double Std = 1)
{
    /// <summary>No normalisation.</summary>
    public static InputNormalization None { get; } = new(InputNormalizationKind.None);

    /// <summary>Fit mean/std on the training clips at hand.</summary>
    public static InputNormalization FitOnTraining { get; } = new(InputNormalizationKind.FitOnTraining);

    /// <summary>Parses <c>none</c>, <c>fit</c> or <c>MEAN,STD</c>.</summary>
    /// <exception cref="ArgumentException">Anything else, or a non-positive std.</exception>
    public static InputNormalization Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "none") return None;
        if (t is "fit" or "fit-train" or "train") return FitOnTraining;
        string[] parts = t.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double mean)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double std)
            && std > 0 && double.IsFinite(mean) && double.IsFinite(std))
            return new InputNormalization(InputNormalizationKind.Fixed, mean, std);
        throw new ArgumentException($"Input normalisation '{text}' is not none, fit or MEAN,STD (dB, STD > 0).", nameof(text));
    }

    /// <summary>The statistics to feed, given those fitted on the training clips (needed only for <see cref="InputNormalizationKind.FitOnTraining"/>).</summary>
    /// <exception cref="InvalidOperationException">FitOnTraining without fitted statistics.</exception>
    public Standardiser Resolve(Standardiser? fitted) => Kind switch
    {
        InputNormalizationKind.None => Standardiser.None,
        InputNormalizationKind.Fixed => Standardiser.Global(Mean, Std),
        _ => fitted ?? throw new InvalidOperationException("Input normalisation 'fit' needs the training clips' statistics; none were given."),
    };

    /// <summary>One line for summaries, e.g. "fit on training clips: mean -35.2 dB, std 12.1 dB".</summary>
    public string Describe(Standardiser resolved) => Kind switch
    {
        InputNormalizationKind.None => "none (log-mel dB fed as they are)",
        InputNormalizationKind.Fixed => $"fixed: mean {resolved.GlobalMean.ToString("G6", CultureInfo.InvariantCulture)} dB, std {resolved.GlobalStd.ToString("G6", CultureInfo.InvariantCulture)} dB",
        _ => $"fit on training clips: mean {resolved.GlobalMean.ToString("G6", CultureInfo.InvariantCulture)} dB, std {resolved.GlobalStd.ToString("G6", CultureInfo.InvariantCulture)} dB",
    };
}

/// <summary>How to wrap an imported PyTorch Stage-1 model as a workbench checkpoint. Immutable.</summary>
public sealed record PyTorchImportOptions
{
    /// <summary>Log-mel settings the model's inputs are computed with. Default <see cref="LogMelOptions.Torchaudio"/> (the seed's torchaudio front end).</summary>
    public LogMelOptions Features { get; init; } = LogMelOptions.Torchaudio;

    /// <summary>The chosen input normalisation (required: a state dict does not say).</summary>
    public required InputNormalization Normalization { get; init; }

    /// <summary>Statistics fitted on the training clips when <see cref="Normalization"/> is FitOnTraining; otherwise unused.</summary>
    public Standardiser? FittedStatistics { get; init; }
}

/// <summary>
/// A Stage-1 VQ-VAE trained in PyTorch (semcom-sDSR <c>VQ_VAE_2Layer</c>: a <c>torch.save</c> payload with
/// <c>model_state_dict</c>, a bare state dict, or safetensors) as a workbench <see cref="LoadedCheckpoint"/>, and back.
/// </summary>
public static class PyTorchCheckpoint
{
    /// <summary>How <see cref="CheckpointMetadata.DataDescription"/> of an imported model begins.</summary>
    public const string DescriptionPrefix = "imported PyTorch VQ_VAE_2Layer from ";

    /// <summary>
    /// Reads <paramref name="path"/> and builds the VQ-VAE-2 (Sdsr layout, settings inferred from the tensor shapes) with
    /// metadata: features and normalisation as chosen in <paramref name="options"/>, recorded in
    /// <see cref="CheckpointMetadata.DataDescription"/> together with the file, its format and the payload's epoch and loss.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Unreadable, or a state dict that does not fit (missing/unused keys listed).</exception>
    public static LoadedCheckpoint Import(string path, PyTorchImportOptions options)
    {
        using PyTorchStateDict state = PyTorchStateDictFile.Read(path);
        VqVae2Network network = SdsrStateDict.Import(state.Tensors, path);
        var model = new VqVae2TrainableModel(network);
        Standardiser stats = options.Normalization.Resolve(options.FittedStatistics);
        string payload = state.Format == PyTorchStateDictFormat.Payload
            ? $"torch.save payload (epoch {state.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "?"}, loss {state.Loss?.ToString("G6", CultureInfo.InvariantCulture) ?? "?"})"
            : state.Format == PyTorchStateDictFormat.StateDict ? "torch.save state dict" : "safetensors";
        var metadata = new CheckpointMetadata
        {
            Kind = ModelKind.VqVae2,
            ModelOptions = TrainableModel.ToJson(network.Options),
            Features = options.Features,
            Normalization = stats,
            Training = TrainingOptions.VqVae2Default,
            State = TrainingState.Initial with { EpochsCompleted = (int)Math.Clamp(state.Epoch ?? 0, 0, int.MaxValue), Finished = true },
            DataDescription = $"{DescriptionPrefix}{System.IO.Path.GetFileName(path)} ({payload}, {state.Tensors.Count} tensors, {state.ValueCount:N0} values); input normalisation: {options.Normalization.Describe(stats)}",
        };
        return new LoadedCheckpoint(path, metadata, model, null, null);
    }

    /// <summary>
    /// Writes the VQ-VAE-2 of <paramref name="checkpoint"/> as a state dict that <c>VQ_VAE_2Layer.load_state_dict(…, strict=True)</c>
    /// accepts: <paramref name="format"/> StateDict (<c>torch.save</c> zip) or Safetensors. Atomic.
    /// </summary>
    /// <exception cref="ArgumentException">Not a VQ-VAE-2, or one in the DSR layout (not expressible in the seed's class).</exception>
    public static void Export(LoadedCheckpoint checkpoint, string path, PyTorchStateDictFormat format)
    {
        if (checkpoint.Model is not VqVae2TrainableModel vq)
            throw new ArgumentException($"{checkpoint.Path}: a {checkpoint.Metadata.Kind.CliName()} checkpoint; only a VQ-VAE-2 maps onto the seed's VQ_VAE_2Layer.", nameof(checkpoint));
        Dictionary<string, TorchSharp.torch.Tensor> tensors;
        try
        {
            tensors = SdsrStateDict.Export(vq.Model);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{checkpoint.Path}: {e.Message}", nameof(checkpoint), e);
        }
        try
        {
            PyTorchStateDictFile.Write(path, tensors, format);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
