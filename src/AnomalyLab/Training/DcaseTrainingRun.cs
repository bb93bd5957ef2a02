using System.Text.Json;
using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Training;

/// <summary>What <see cref="DcaseTrainingRun.Run"/> trains: a model on the normal training clips of one machine type.</summary>
public sealed record DcaseTrainingRequest
{
    /// <summary>The model.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>Dataset root holding <c>&lt;machine_type&gt;/train</c>.</summary>
    public required string DataRoot { get; init; }

    /// <summary>Machine type folder, e.g. <c>slider</c>.</summary>
    public required string MachineType { get; init; }

    /// <summary>Only clips of this id (e.g. <c>id_00</c>); null = all ids (the DCASE 2020 baseline trains one model per type).</summary>
    public string? MachineId { get; init; }

    /// <summary>Checkpoint to write.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>Training settings.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>Model options as JSON; null = the kind's defaults.</summary>
    public JsonElement? ModelOptions { get; init; }

    /// <summary>Log-mel settings; null = <see cref="ModelInputs.DefaultFeatures"/>.</summary>
    public LogMelOptions? Features { get; init; }

    /// <summary>Continue from <see cref="CheckpointPath"/> when it exists.</summary>
    public bool Resume { get; init; }
}

/// <summary>Trains a model on a DCASE-layout folder's normal training clips and writes its checkpoint.</summary>
public static class DcaseTrainingRun
{
    /// <summary>Lists, extracts, normalises and cuts the clips, trains, and saves <see cref="DcaseTrainingRequest.CheckpointPath"/>.</summary>
    /// <param name="request">What to train.</param>
    /// <param name="progress">Per-step and per-epoch reports.</param>
    /// <param name="features">Feature extraction progress (clips done of all), synchronous from the extraction workers.</param>
    /// <param name="cancellation">Stops between steps.</param>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">No normal clip (of the requested id).</exception>
    public static TrainingResult Run(DcaseTrainingRequest request, IProgress<TrainingProgress>? progress = null, IProgress<StageProgress>? features = null,
        CancellationToken cancellation = default)
    {
        var clips = DatasetScanner.ListDcase2020(request.DataRoot, request.MachineType, DataSplit.Train)
            .Where(c => !c.IsAnomaly && (request.MachineId is null || c.MachineId == request.MachineId))
            .ToArray();
        if (clips.Length == 0)
            throw new InvalidDataException($"No normal training clip{(request.MachineId is null ? "" : $" of {request.MachineId}")} in {Path.Combine(request.DataRoot, request.MachineType, "train")}.");
        LogMelOptions logMel = request.Features ?? ModelInputs.DefaultFeatures(request.Kind);
        ModelInputs inputs = ModelInputs.For(request.Kind, request.ModelOptions);
        // The one pipeline (cache, all cores), every frame of every clip as before.
        var extraction = new FeatureExtractionOptions { LogMel = logMel, Length = ClipFeatureExtractor.FullLength(clips, logMel) };
        PreparedTrainingSet set;
        using (FeatureBlock block = FeatureCache.LoadOrExtract(request.DataRoot, request.MachineType, DataSplit.Train, clips, extraction, out _, features))
            set = TrainingSetBuilder.FromBlock(block, inputs);
        using TrainableModel model = Trainer.CreateModel(request.Kind, request.ModelOptions, request.Training.Seed);
        return Trainer.Train(model, set.Samples, request.Training, new TrainingSession
        {
            CheckpointPath = request.CheckpointPath,
            Resume = request.Resume,
            Features = logMel,
            Normalization = set.Normalization,
            DataDescription = $"{request.MachineType}{(request.MachineId is null ? "" : " " + request.MachineId)}: {clips.Length} normal clips from {Path.GetFullPath(request.DataRoot)}",
            Progress = progress,
            Cancellation = cancellation,
        });
    }
}
