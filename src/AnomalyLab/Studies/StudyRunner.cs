using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Runtime;

namespace AnomalyLab.Studies;

/// <summary>
/// Runs the spectrogram study over a dataset: scans it, loads log-mels through the data layer's <see cref="TestSet"/> and
/// <see cref="TrainSet"/> (→ <see cref="FeatureCache"/>: extracted once, then read back from one .npy per type and split; test
/// normals and anomalies per id, and up to <see cref="StudyRequest.TrainClipsPerId"/> train normals when present), standardises if asked, reads synthetic ground
/// truth when the dataset has it, and calls <see cref="SpectrogramStudy.Run"/> for every id.
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs <paramref name="request"/>.</summary>
    /// <param name="request">What to study.</param>
    /// <param name="progress">Stage / done / total reports (dataset generation, feature extraction, per-id study).</param>
    /// <param name="modelFor">Reconstruction model per machine type (e.g. a trained VQ-VAE); null or a null result = PCA per id.</param>
    /// <exception cref="DatasetLayoutException">Missing data, machine types or ids, or normalisation without train clips.</exception>
    public static StudyResult Run(StudyRequest request, IProgress<StageProgress>? progress = null, Func<string, IReconstructionModel?>? modelFor = null)
    {
        LogMelOptions logMel = LogMelOptions.FromPresetName(request.Preset);
        string root = request.DataRoot ?? SyntheticDataset.EnsureDefault(progress: progress);
        DatasetScan scan = DatasetScanner.Scan(root, DatasetLayout.Auto, request.MachineTypes);
        bool synthetic = request.DataRoot is null || File.Exists(Path.Combine(scan.Root, SyntheticDataset.DescriptionFileName));
        // Cached blocks are mapped (fast warm runs) and disposed at the end of each machine type: the results keep only maps.
        var extraction = new FeatureExtractionOptions { LogMel = logMel, Length = request.Length, CacheFolder = request.CacheFolder, UseCache = request.UseCache, MapCache = true };
        var notes = new List<string>();
        var results = new List<MachineIdStudy>();
        IReadOnlyList<string> types = request.MachineTypes ?? scan.MachineTypes;

        foreach (string type in types)
        {
            var test = scan.Clips.Where(c => c.MachineType == type && c.Split == DataSplit.Test).ToList();
            var train = scan.Clips.Where(c => c.MachineType == type && c.Split == DataSplit.Train && c.Label == ClipLabel.Normal).ToList();
            if (test.Count == 0) throw new DatasetLayoutException(scan.Root, $"machine type '{type}' has no test clips; the study compares normal and anomalous test clips ({type}/test/{{normal,anomaly}}_id_XX_*.wav).");
            if (request.Standardisation != Standardisation.None && train.Count == 0)
                throw new DatasetLayoutException(Path.Combine(scan.Root, type), $"normalisation '{request.Standardisation.Name()}' needs train clips ({type}/train/normal_id_XX_*.wav) and there are none; use --normalize none for a test-only folder.");

            var ids = SelectIds(scan.Root, type, test, request.MachineIds, notes);
            bool anyTrain = request.TrainClipsPerId > 0 && train.Any(c => ids.Contains(c.MachineId));
            if (request.Standardisation != Standardisation.None && !anyTrain)
                throw new DatasetLayoutException(Path.Combine(scan.Root, type), $"normalisation '{request.Standardisation.Name()}' needs train clips of the studied ids, and none were selected (train clips per id: {request.TrainClipsPerId}).");

            // The data layer's train and test sets: one cached block per split (warm runs read one .npy), test clips ordered by
            // (id, label, path) so every group is a view; the train set fits the standardisation and the test set applies it
            // (in place: each run loads its own blocks, so nothing cached is touched; padding frames become 0).
            var reporter = StageProgress.Forward(progress, stage => $"{type}: log-mel {stage}");
            using TrainSet? trainSet = anyTrain
                ? TrainSet.Load(scan, [type], new TrainSetOptions { Features = extraction, Standardisation = request.Standardisation, MachineIds = ids, ClipsPerId = request.TrainClipsPerId }, reporter)
                : null;
            using TestSet testSet = TestSet.Load(scan, [type], extraction, trainSet?.Statistics, reporter,
                c => ids.Contains(c.MachineId) && c.Label is ClipLabel.Normal or ClipLabel.Anomaly);
            FeatureBlock testBlock = testSet.Blocks[0];
            FeatureBlock? trainBlock = trainSet?.Blocks[0];
            if (testSet.CacheOutcomes[0].Reason is { } why) notes.Add($"{type}: feature cache rebuilt ({why}).");

            var loaded = ids.Select(id => (
                Id: id,
                Normal: Group(testBlock, c => c.MachineId == id && c.Label == ClipLabel.Normal),
                Anomaly: Group(testBlock, c => c.MachineId == id && c.Label == ClipLabel.Anomaly),
                Train: trainBlock is null || !trainBlock.Clips.Any(c => c.MachineId == id) ? null : Group(trainBlock, c => c.MachineId == id),
                Truth: synthetic ? GroundTruthFrequency(scan.Root, testBlock.Clips.Where(c => c.MachineId == id && c.Label == ClipLabel.Anomaly).ToList()) : null)).ToList();

            IReconstructionModel? model = modelFor?.Invoke(type);
            for (int i = 0; i < loaded.Count; i++)
            {
                var l = loaded[i];
                var input = new MachineIdInput(type, l.Id, l.Normal, l.Anomaly, l.Train, l.Truth);
                results.Add(SpectrogramStudy.Run(input, request.Study, model));
                progress?.Report(new StageProgress($"{type}: study", i + 1, loaded.Count));
            }
        }

        var features = new StudyFeatureSettings(request.Preset, request.Standardisation.Name(), logMel, request.DataRoot is null ? StudyRequest.SyntheticSource : scan.Root);
        return new StudyResult(features, results, notes);
    }

    private static List<string> SelectIds(string root, string type, List<ClipRecord> test, IReadOnlyList<string>? wanted, List<string> notes)
    {
        var present = test.Select(c => c.MachineId).Distinct().Order(StringComparer.Ordinal).ToList();
        if (wanted is not null)
        {
            var missing = wanted.Where(w => !present.Contains(w)).ToList();
            if (missing.Count > 0)
                throw new DatasetLayoutException(Path.Combine(root, type, "test"), $"machine id(s) {string.Join(", ", missing)} not found; found {string.Join(", ", present)}.");
            present = wanted.Distinct().ToList();
        }
        var usable = new List<string>();
        foreach (string id in present)
        {
            int normal = test.Count(c => c.MachineId == id && c.Label == ClipLabel.Normal);
            int anomaly = test.Count(c => c.MachineId == id && c.Label == ClipLabel.Anomaly);
            if (normal > 0 && anomaly > 0) usable.Add(id);
            else if (wanted is not null) throw new DatasetLayoutException(Path.Combine(root, type, "test"), $"{id} has {normal} normal and {anomaly} anomalous test clips; the study needs both.");
            else notes.Add($"{type}/{id} skipped: {normal} normal and {anomaly} anomalous test clips (both are needed).");
        }
        if (usable.Count == 0) throw new DatasetLayoutException(Path.Combine(root, type, "test"), "no machine id has both normal and anomalous test clips.");
        return usable;
    }

    /// <summary>
    /// Mean of the anomalous clips' ground-truth masks, <c>[n_mels, frames]</c>, or null when a clip has none. Masks are read
    /// in parallel, in fixed chunks summed in order (the result does not depend on scheduling).
    /// </summary>
    private static double[,]? GroundTruthFrequency(string root, IReadOnlyList<ClipRecord> anomalies)
    {
        const int ClipsPerChunk = 16;
        if (anomalies.Count == 0 || !anomalies.All(clip => SyntheticDataset.HasTruth(root, clip))) return null;
        int[] shape = SyntheticDataset.ReadMaskArray(root, anomalies[0]).Shape;
        if (shape.Length != 2) throw new InvalidDataException($"{anomalies[0].Path}: ground-truth mask has shape ({string.Join(", ", shape)}), expected [n_mels, frames].");
        var partial = new double[(anomalies.Count + ClipsPerChunk - 1) / ClipsPerChunk][];
        ParallelLoop.For(partial.Length, chunk =>
        {
            var sum = new double[shape[0] * shape[1]];
            var mask = new float[sum.Length];
            for (int c = chunk * ClipsPerChunk; c < Math.Min(anomalies.Count, (chunk + 1) * ClipsPerChunk); c++)
            {
                string path = SyntheticDataset.MaskPath(root, anomalies[c]);
                int[] found;
                try
                {
                    found = NpyFile.ReadInto(path, mask);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{anomalies[c].Path}: its ground-truth mask is not [{shape[0]}, {shape[1]}] like the other clips' ({e.Message})", e);
                }
                if (!found.SequenceEqual(shape))
                    throw new InvalidDataException($"{anomalies[c].Path}: ground-truth mask is [{string.Join(", ", found)}], expected [{shape[0]}, {shape[1]}] like the other clips.");
                for (int i = 0; i < sum.Length; i++) sum[i] += mask[i];
            }
            partial[chunk] = sum;
        });
        var frequency = new double[shape[0], shape[1]];
        for (int m = 0; m < shape[0]; m++)
            for (int t = 0; t < shape[1]; t++)
            {
                double total = 0;
                foreach (double[] p in partial) total += p[m * shape[1] + t];
                frequency[m, t] = total / anomalies.Count;
            }
        return frequency;
    }

    /// <summary>
    /// The clips of <paramref name="block"/> matching <paramref name="select"/> as a batch: a view when they are contiguous
    /// (path order keeps label and id together), else a copy. Valid frames = the shortest real length among them.
    /// </summary>
    private static LogMelBatch Group(FeatureBlock block, Func<ClipRecord, bool> select)
    {
        var indices = Enumerable.Range(0, block.Count).Where(i => select(block.Clips[i])).ToList();
        if (indices.Count == 0) return LogMelBatch.Of(block.Slice(0, 0));
        bool contiguous = indices[^1] - indices[0] + 1 == indices.Count;
        if (contiguous) return LogMelBatch.Of(block.Slice(indices[0], indices.Count));
        var values = new float[(long)indices.Count * block.ClipLength];
        for (int k = 0; k < indices.Count; k++) block.Clip(indices[k]).CopyTo(values.AsSpan(k * block.ClipLength));
        return LogMelBatch.Of(new FeatureBlock(values, block.NMels, block.Frames, indices.Select(i => block.Clips[i]).ToList(), indices.Select(i => block.RealFrames[i]).ToArray()));
    }
}
