using AnomalyLab.Audio;
using AnomalyLab.Detectors;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Training;

namespace AnomalyLab.Models.StftVae;

/// <summary>What <see cref="StftVaeTrainingRun.Run"/> trains on and how.</summary>
public sealed record StftVaeTrainingRequest
{
    /// <summary>Folder of normal WAV files (not searched recursively).</summary>
    public required string NormalsFolder { get; init; }

    /// <summary>File-name pattern inside the folder. Default <c>*.wav</c> (e.g. <c>normal_id_00_*.wav</c> for one machine).</summary>
    public string FilePattern { get; init; } = "*.wav";

    /// <summary>Use only the first this-many matching files in ordinal name order (quick runs); null = all. Default null.</summary>
    public int? MaxFiles { get; init; }

    /// <summary>
    /// Resample every file to this rate, Hz; null = train at the files' own rate, which then must be the same for all
    /// files (else <see cref="SampleRateMismatchException"/> naming the first file that differs). Default null.
    /// </summary>
    public int? TargetSampleRate { get; init; }

    /// <summary>Feature preset; its SampleRate is replaced by the effective rate. Default <see cref="StftPatchOptions.Default"/>.</summary>
    public StftPatchOptions Patch { get; init; } = StftPatchOptions.Default;

    /// <summary>How each file is cut into training segments (use the watch segment length). Default 2 s, no overlap.</summary>
    public SegmentOptions Segments { get; init; } = SegmentOptions.Default;

    /// <summary>Conv VAE settings; input height and width are replaced by the patch's. Default <see cref="ConvVaeOptions.Small"/>.</summary>
    public ConvVaeOptions Network { get; init; } = ConvVaeOptions.Small;

    /// <summary>Trainer settings. Default <see cref="TrainingOptions.ConvVaeDefault"/>.</summary>
    public TrainingOptions Training { get; init; } = TrainingOptions.ConvVaeDefault;

    /// <summary>Threshold policy. Default mean + 2σ of the training errors.</summary>
    public ThresholdPolicy Policy { get; init; } = ThresholdPolicy.Default;

    /// <summary>
    /// Fraction of the files (seeded by <see cref="TrainingOptions.Seed"/>) kept out of training and only scored: their
    /// scores calibrate the <c>far</c> policy and show the false-alarm rate of the others. At least one file is held out
    /// when the policy needs it. Default 0.2.
    /// </summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>Model file to write (atomically, once, after training and calibration).</summary>
    public required string ModelPath { get; init; }
}

/// <summary>Outcome of an STFT-VAE threshold training run.</summary>
/// <param name="Training">The trainer's result (history, device).</param>
/// <param name="Settings">What was stored in the model file.</param>
/// <param name="TrainingScores">Scores of the training files' segments, file order.</param>
/// <param name="HeldOutScores">Scores of the held-out files' segments.</param>
/// <param name="TrainingFiles">Files trained on.</param>
/// <param name="HeldOutFiles">Files held out.</param>
public sealed record StftVaeTrainingResult(
    TrainingResult Training,
    StftVaeSettings Settings,
    IReadOnlyList<double> TrainingScores,
    IReadOnlyList<double> HeldOutScores,
    IReadOnlyList<string> TrainingFiles,
    IReadOnlyList<string> HeldOutFiles)
{
    /// <summary>Fraction of held-out segments above the threshold (NaN without held-out files).</summary>
    public double HeldOutFalseAlarmRate => HeldOutScores.Count == 0 ? double.NaN : HeldOutScores.Count(s => s > Settings.Threshold.Value) / (double)HeldOutScores.Count;
}

/// <summary>
/// Trains the STFT-VAE threshold detector on a folder of normal recordings: files → mono (channel mean) → optional
/// resampling → segments → <see cref="StftPatch"/> → conv VAE through <see cref="Trainer"/> → scores → threshold
/// policy → one atomic model file (<see cref="ModelCheckpoint"/> with <see cref="StftVaeSettings"/>).
/// </summary>
public static class StftVaeTrainingRun
{
    /// <summary>Runs <paramref name="request"/>; <paramref name="progress"/> gets trainer reports, <paramref name="filesDone"/> the files prepared (synchronously).</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="FileNotFoundException">No file matches the pattern.</exception>
    /// <exception cref="SampleRateMismatchException">Different rates without <see cref="StftVaeTrainingRequest.TargetSampleRate"/>.</exception>
    /// <exception cref="ArgumentException">Too few files or segments, or invalid options.</exception>
    public static StftVaeTrainingResult Run(StftVaeTrainingRequest request, IProgress<TrainingProgress>? progress = null, IProgress<StageProgress>? filesDone = null)
    {
        if (!Directory.Exists(request.NormalsFolder)) throw new DirectoryNotFoundException($"{request.NormalsFolder}: folder of normal recordings not found.");
        if (request.MaxFiles is <= 0) throw new ArgumentException($"MaxFiles must be positive when given (got {request.MaxFiles}).");
        string[] files = Directory.GetFiles(request.NormalsFolder, request.FilePattern).Order(StringComparer.Ordinal).Take(request.MaxFiles ?? int.MaxValue).ToArray();
        if (files.Length == 0) throw new FileNotFoundException($"{request.NormalsFolder}: no file matches '{request.FilePattern}'.");

        int[] rates = files.Select(f => WavReader.ReadHeader(f).SampleRate).ToArray();
        if (request.TargetSampleRate is null)
        {
            for (int i = 1; i < files.Length; i++)
                if (rates[i] != rates[0]) throw new SampleRateMismatchException(files[i], rates[i], rates[0],
                    $"{files[i]}: sample rate is {rates[i]} Hz but {Path.GetFileName(files[0])} (the first file) is {rates[0]} Hz; " +
                    "training at the files' rate needs one rate — resample all files to one rate instead (--resample RATE / TargetSampleRate).");
        }
        int rate = request.TargetSampleRate ?? rates[0];
        StftPatchOptions patch = (request.Patch with { SampleRate = rate }).Validate();
        request.Segments.Validate(rate);
        request.Policy.Validate();
        ConvVaeOptions network = (request.Network with { InputChannels = 1, InputHeight = patch.Height, InputWidth = patch.Frames }).Validate();

        var (trainFiles, heldOutFiles) = SplitFiles(files, request);
        var trainPatches = new List<StftPatch>();
        var heldOutPatches = new List<StftPatch>();
        int done = 0;
        foreach (string file in files)
        {
            var target = heldOutFiles.Contains(file) ? heldOutPatches : trainPatches;
            target.AddRange(FilePatches(file, rate, patch, request.Segments));
            filesDone?.Report(new StageProgress("STFT patches", ++done, files.Length));
        }
        if (trainPatches.Count < 2) throw new ArgumentException($"{request.NormalsFolder}: only {trainPatches.Count} training segments; need at least 2 (more or longer files, or shorter segments).");

        int sampleLength = patch.Height * patch.Frames;
        var values = new float[trainPatches.Count * sampleLength];
        for (int i = 0; i < trainPatches.Count; i++)
            Buffer.BlockCopy(trainPatches[i].Values, 0, values, i * sampleLength * sizeof(float), sampleLength * sizeof(float));
        var data = new SampleSet(values, [1, patch.Height, patch.Frames]);

        using TrainableModel model = Trainer.CreateModel(ModelKind.ConvVae, TrainableModel.ToJson(network), request.Training.Seed);
        TrainingResult training = Trainer.Train(model, data, request.Training, new TrainingSession { Progress = progress });

        double[] trainScores = trainPatches.Select(p => StftVaeScorer.ScorePatch(model, p)).ToArray();
        double[] heldOutScores = heldOutPatches.Select(p => StftVaeScorer.ScorePatch(model, p)).ToArray();
        bool heldOut = request.Policy.UsesHeldOutNormals;
        if (heldOut && heldOutScores.Length == 0) throw new ArgumentException($"the {request.Policy} policy needs held-out normal segments but none were held out.");
        ScoreThreshold threshold = request.Policy.Apply(heldOut ? heldOutScores : trainScores);
        var settings = new StftVaeSettings
        {
            Patch = patch,
            Segments = request.Segments,
            Threshold = new StoredThreshold(request.Policy.ToString(), threshold.Value, threshold.Method, heldOut ? "held-out" : "training", heldOut ? heldOutScores.Length : trainScores.Length),
            SourceSampleRates = rates.Distinct().Order().ToArray(),
            TrainingSegments = trainScores.Length,
            HeldOutSegments = heldOutScores.Length,
        };
        var metadata = new CheckpointMetadata
        {
            Kind = ModelKind.ConvVae,
            ModelOptions = model.OptionsJson,
            Features = LogMelOptions.Torchaudio, // unused by STFT-VAE models: StftVae.Patch describes the inputs
            Normalization = Standardiser.None,
            Training = request.Training,
            State = training.State,
            DataDescription = $"{request.NormalsFolder} ({request.FilePattern}): {trainFiles.Count} training files, {heldOutFiles.Count} held out, {rate} Hz",
            ModelSettings = settings.ToJson(),
        };
        ModelCheckpoint.Save(request.ModelPath, model, metadata);
        return new StftVaeTrainingResult(training, settings, trainScores, heldOutScores, trainFiles.ToArray(), heldOutFiles.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The patches of one file's scored segments (skipped partial segments left out), cut exactly as
    /// <c>anomalylab watch</c> cuts a stream (<see cref="SegmentOptions.Plan"/>); the file is mixed to mono and resampled to <paramref name="rate"/> if needed.
    /// </summary>
    public static IReadOnlyList<StftPatch> FilePatches(string file, int rate, StftPatchOptions patch, SegmentOptions segments)
    {
        float[] mono = AudioLoader.LoadMono(file, ChannelSelection.MixDown, rate, allowResample: true);
        var patches = new List<StftPatch>();
        foreach (var (start, length, _, skipped) in segments.Plan(mono.Length, rate))
        {
            if (skipped || length < patch.MinimumSamples) continue;
            patches.Add(StftPatch.Compute(mono.AsSpan(start, length), patch));
        }
        return patches;
    }

    private static (List<string> Train, HashSet<string> HeldOut) SplitFiles(string[] files, StftVaeTrainingRequest request)
    {
        if (!(request.HeldOutFraction is >= 0 and < 1)) throw new ArgumentException($"HeldOutFraction must be in [0, 1) (got {request.HeldOutFraction}).");
        int count = (int)Math.Floor(files.Length * request.HeldOutFraction);
        if (request.Policy.UsesHeldOutNormals) count = Math.Max(count, 1);
        if (files.Length - count < 1) throw new ArgumentException($"{request.NormalsFolder}: {files.Length} file(s) cannot be split into training files and {count} held-out file(s).");
        string[] shuffled = (string[])files.Clone();
        new Random(request.Training.Seed).Shuffle(shuffled);
        var heldOut = new HashSet<string>(shuffled[..count], StringComparer.Ordinal);
        return (files.Where(f => !heldOut.Contains(f)).ToList(), heldOut);
    }
}
