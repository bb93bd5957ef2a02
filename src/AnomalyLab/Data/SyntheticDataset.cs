using System.Text.Json;
using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.IO;

namespace AnomalyLab.Data;

/// <summary>
/// The embedded default dataset: deterministic synthetic machine sounds in the DCASE 2020 layout
/// (<c>&lt;out&gt;/&lt;type&gt;/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav</c>, 16-bit PCM), with the ground truth
/// of every anomaly in <c>&lt;out&gt;/ground_truth/&lt;type&gt;/anomaly_id_XX_NNNNNNNN.{json,npy}</c> and the options in
/// <c>&lt;out&gt;/anomalylab-synthetic.json</c>. Same options → byte-identical files.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>Bumped whenever the generator's output changes, so cached default datasets are regenerated.</summary>
    public const int GeneratorVersion = 1;

    /// <summary>Name of the description file written last (its presence marks a complete dataset).</summary>
    public const string DescriptionFileName = "anomalylab-synthetic.json";

    /// <summary>Folder of the ground-truth files.</summary>
    public const string GroundTruthFolder = "ground_truth";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Generates the dataset as the folder <paramref name="outputFolder"/>, written aside and moved into place whole
    /// (<see cref="AtomicFolder"/>): a previous dataset of ours there is replaced, a folder holding other files (e.g. your
    /// recordings) is refused unless <paramref name="force"/>. Options are validated before anything is written.
    /// </summary>
    /// <exception cref="OutputRefusedException">The folder holds files we did not write and <paramref name="force"/> is false.</exception>
    public static IReadOnlyList<SyntheticAnomalyTruth> WriteFolder(string outputFolder, SyntheticDatasetOptions? options = null, IProgress<StageProgress>? progress = null, bool force = false)
    {
        options = (options ?? SyntheticDatasetOptions.Default).Validate();
        OutputPaths.CheckFolder(outputFolder, [], force);
        IReadOnlyList<SyntheticAnomalyTruth> truths = [];
        AtomicFolder.Write(outputFolder, "anomalylab data synth", staging => truths = Generate(staging, options, progress), force);
        return truths;
    }

    /// <summary>
    /// Generates the dataset into <paramref name="outputFolder"/> (created; existing clip files are overwritten; see
    /// <see cref="WriteFolder"/> for the whole-folder form the CLI uses).
    /// Runs on all cores; <paramref name="progress"/> receives (clips done, clips total).
    /// </summary>
    /// <returns>The ground truth of every anomalous clip.</returns>
    public static IReadOnlyList<SyntheticAnomalyTruth> Generate(string outputFolder, SyntheticDatasetOptions? options = null, IProgress<StageProgress>? progress = null)
    {
        options = (options ?? SyntheticDatasetOptions.Default).Validate();
        string root = Path.GetFullPath(outputFolder);
        var jobs = PlanClips(options);
        int samples = (int)Math.Round(options.DurationSeconds * options.SampleRate);
        var truths = new SyntheticAnomalyTruth?[jobs.Count];
        int done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            truths[i] = WriteClip(root, jobs[i], options, samples);
            progress?.Report(new StageProgress("synthesising", Interlocked.Increment(ref done), jobs.Count));
        });
        var list = truths.OfType<SyntheticAnomalyTruth>().ToList();
        var description = new
        {
            generator = "AnomalyLab.Data.SyntheticDataset",
            generatorVersion = GeneratorVersion,
            layout = "dcase2020",
            options = new
            {
                options.Seed, options.MachineTypes, options.MachineIds, options.TrainClipsPerId, options.TestNormalClipsPerId,
                options.TestAnomalyClipsPerId, options.DurationSeconds, options.SampleRate, options.NormalRms, options.AnomalyLevelDb,
                maskGrid = options.MaskGrid,
            },
            signatures = options.MachineTypes.SelectMany(type => options.MachineIds.Select((id, index) => new
            {
                machineType = type,
                machineId = MachineIdName(id),
                signature = MachineSignature.Draw(options.Seed, type, id, index),
            })),
            anomalies = list.Count,
        };
        AtomicFile.WriteAllText(Path.Combine(root, DescriptionFileName), JsonSerializer.Serialize(description, Json));
        return list;
    }

    /// <summary>
    /// The default dataset, generated once into <paramref name="cacheFolder"/> (default <see cref="AnomalyLabCache.Synthetic"/>)
    /// under a name holding the generator version and seed. Generation goes to a temporary folder that is renamed
    /// when complete, so an interrupted run never leaves a half dataset behind.
    /// </summary>
    /// <returns>The dataset root.</returns>
    public static string EnsureDefault(SyntheticDatasetOptions? options = null, string? cacheFolder = null, IProgress<StageProgress>? progress = null)
    {
        options ??= SyntheticDatasetOptions.Default;
        string parent = Path.GetFullPath(cacheFolder ?? AnomalyLabCache.Synthetic);
        string name = options == SyntheticDatasetOptions.Default
            ? $"default-v{GeneratorVersion}-seed{options.Seed}"
            : $"custom-v{GeneratorVersion}-{StableHash.Of(JsonSerializer.Serialize(options)):x16}";
        string target = Path.Combine(parent, name);
        if (File.Exists(Path.Combine(target, DescriptionFileName))) return target;
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Generate(temporary, options, progress);
            if (Directory.Exists(target))
            {
                // A folder without the description is an interrupted older attempt: replace it.
                if (File.Exists(Path.Combine(target, DescriptionFileName))) return target;
                Directory.Delete(target, recursive: true);
            }
            try
            {
                Directory.Move(temporary, target);
            }
            catch (IOException) when (File.Exists(Path.Combine(target, DescriptionFileName)))
            {
                // Another process finished first; its files are identical (same seed).
            }
            return target;
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>Whether the clip has ground truth written beside it (an anomaly of a synthetic dataset); does not read it.</summary>
    public static bool HasTruth(string datasetRoot, ClipRecord clip) =>
        File.Exists(TruthPath(datasetRoot, clip.MachineType, Path.GetFileNameWithoutExtension(clip.Path)) + ".json");

    /// <summary>Reads the ground truth written beside an anomalous clip (null when the clip has none).</summary>
    public static SyntheticAnomalyTruth? ReadTruth(string datasetRoot, ClipRecord clip)
    {
        string path = TruthPath(datasetRoot, clip.MachineType, Path.GetFileNameWithoutExtension(clip.Path)) + ".json";
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<SyntheticAnomalyTruth>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty ground-truth file.");
    }

    /// <summary>Reads the ground-truth mask of an anomalous clip, shape <c>[n_mels, frames]</c> (1 = anomalous cell).</summary>
    /// <exception cref="FileNotFoundException">The clip has no mask (not an anomaly of a synthetic dataset).</exception>
    public static float[,] ReadMask(string datasetRoot, ClipRecord clip) => ReadMaskArray(datasetRoot, clip).To2D();

    /// <summary>The ground-truth mask of an anomalous clip as read: flat <c>[n_mels, frames]</c> values and the shape (no 2-D copy).</summary>
    /// <exception cref="FileNotFoundException">The clip has no mask (not an anomaly of a synthetic dataset).</exception>
    public static NpyArray ReadMaskArray(string datasetRoot, ClipRecord clip) => NpyFile.Read(MaskPath(datasetRoot, clip));

    /// <summary>Path of the ground-truth mask <c>.npy</c> of an anomalous clip (it may not exist: see <see cref="HasTruth"/>).</summary>
    public static string MaskPath(string datasetRoot, ClipRecord clip) =>
        TruthPath(datasetRoot, clip.MachineType, Path.GetFileNameWithoutExtension(clip.Path)) + ".npy";

    /// <summary>
    /// The time-frequency mask of an anomaly on a log-mel grid, flat <c>[n_mels, frames]</c>: mel bin m is marked when its
    /// filter's centre frequency lies in the band (at least the bin nearest the band centre), frame t when its centre
    /// time t·hop/sr lies in a segment.
    /// </summary>
    public static float[] Mask(double bandLowHz, double bandHighHz, IReadOnlyList<double[]> segments, LogMelOptions grid, int samples, out int frames)
    {
        frames = grid.FrameCount(samples);
        int mels = grid.NMels;
        double melMin = MelFilterbank.HzToMel(grid.FMin, grid.MelScale), melMax = MelFilterbank.HzToMel(grid.EffectiveFMax, grid.MelScale);
        var rows = new bool[mels];
        int nearest = 0;
        double nearestDistance = double.MaxValue, middle = (bandLowHz + bandHighHz) / 2;
        for (int m = 0; m < mels; m++)
        {
            double centre = MelFilterbank.MelToHz(melMin + (melMax - melMin) * (m + 1) / (mels + 1), grid.MelScale);
            rows[m] = centre >= bandLowHz && centre <= bandHighHz;
            if (Math.Abs(centre - middle) < nearestDistance) (nearest, nearestDistance) = (m, Math.Abs(centre - middle));
        }
        rows[nearest] = true;
        var mask = new float[mels * frames];
        for (int t = 0; t < frames; t++)
        {
            double time = (double)t * grid.HopLength / grid.SampleRate;
            if (!segments.Any(s => time >= s[0] && time <= s[1])) continue;
            for (int m = 0; m < mels; m++)
                if (rows[m]) mask[m * frames + t] = 1f;
        }
        return mask;
    }

    /// <summary><c>id_XX</c> for a machine id number.</summary>
    public static string MachineIdName(int id) => $"id_{id:D2}";

    private sealed record ClipJob(string MachineType, int MachineId, int IdIndex, DataSplit Split, ClipLabel Label, int Number);

    private static List<ClipJob> PlanClips(SyntheticDatasetOptions options)
    {
        var jobs = new List<ClipJob>();
        foreach (string type in options.MachineTypes)
        {
            for (int index = 0; index < options.MachineIds.Count; index++)
            {
                int id = options.MachineIds[index];
                for (int n = 0; n < options.TrainClipsPerId; n++) jobs.Add(new(type, id, index, DataSplit.Train, ClipLabel.Normal, n));
                for (int n = 0; n < options.TestNormalClipsPerId; n++) jobs.Add(new(type, id, index, DataSplit.Test, ClipLabel.Normal, n));
                for (int n = 0; n < options.TestAnomalyClipsPerId; n++) jobs.Add(new(type, id, index, DataSplit.Test, ClipLabel.Anomaly, n));
            }
        }
        return jobs;
    }

    private static SyntheticAnomalyTruth? WriteClip(string root, ClipJob job, SyntheticDatasetOptions options, int samples)
    {
        string split = job.Split == DataSplit.Train ? "train" : "test";
        string label = job.Label == ClipLabel.Normal ? "normal" : "anomaly";
        string stem = $"{label}_{MachineIdName(job.MachineId)}_{job.Number:D8}";
        var signature = MachineSignature.Draw(options.Seed, job.MachineType, job.MachineId, job.IdIndex);
        var random = new Random(StableHash.Seed(options.Seed, $"clip/{job.MachineType}/{split}/{stem}"));
        double[] sound = MachineSoundSynthesizer.Normal(signature, samples, options.SampleRate, options.NormalRms, random);
        SyntheticAnomalyTruth? truth = null;
        if (job.Label == ClipLabel.Anomaly)
        {
            double clipRms = Math.Sqrt(sound.Sum(v => v * v) / sound.Length);
            var segments = MachineSoundSynthesizer.AddAnomaly(sound, signature, options.SampleRate, clipRms * Math.Pow(10, options.AnomalyLevelDb / 20), random);
            float[] mask = Mask(signature.AnomalyBandLowHz, signature.AnomalyBandHighHz, segments, options.MaskGrid, samples, out int frames);
            string truthBase = TruthPath(root, job.MachineType, stem);
            NpyFile.Write(truthBase + ".npy", mask, options.MaskGrid.NMels, frames);
            truth = new SyntheticAnomalyTruth($"{job.MachineType}/{split}/{stem}.wav", signature.Anomaly,
                Math.Round(signature.AnomalyBandLowHz, 3), Math.Round(signature.AnomalyBandHighHz, 3), segments,
                stem + ".npy", [options.MaskGrid.NMels, frames]);
            AtomicFile.WriteAllText(truthBase + ".json", JsonSerializer.Serialize(truth, Json));
        }
        var pcm = new float[samples];
        for (int i = 0; i < samples; i++) pcm[i] = (float)sound[i];
        WavWriter.Write(Path.Combine(root, job.MachineType, split, stem + ".wav"), pcm, options.SampleRate);
        return truth;
    }

    private static string TruthPath(string root, string machineType, string stem) => Path.Combine(root, GroundTruthFolder, machineType, stem);
}
