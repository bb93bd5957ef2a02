using AnomalyLab.Data;
using AnomalyLab.Embeddings;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Training;

namespace AnomalyLab.Studies.Codes;

/// <summary>What the quantized (code-level) study looks at. Immutable; defaults documented per property.</summary>
public sealed record CodeStudyRequest
{
    /// <summary>Dataset root (DCASE layout or one machine-type folder); null = the built-in synthetic dataset.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Machine type to study (required).</summary>
    public required string MachineType { get; init; }

    /// <summary>Machine ids to study; null = every id with normal and anomalous test clips.</summary>
    public IReadOnlyList<string>? MachineIds { get; init; }

    /// <summary>Train normals per id whose per-position most frequent code is the reference. Default 100; ids without train clips use their test normals (noted).</summary>
    public int ReferenceClipsPerId { get; init; } = 100;

    /// <summary>Clips (of all ids) in the t-SNE plots, taken evenly. Default 600.</summary>
    public int MaxTsneClips { get; init; } = 600;

    /// <summary>t-SNE settings (perplexity is lowered to (n − 1) / 3 for few clips). Default scikit-learn's, seed 0.</summary>
    public TsneOptions Tsne { get; init; } = TsneOptions.ScikitLearn2D;

    /// <summary>Inputs per forward pass. Default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Feature cache folder; null = the workbench cache.</summary>
    public string? CacheFolder { get; init; }
}

/// <summary>The code-level study of one machine id: both levels.</summary>
/// <param name="MachineType">Machine type.</param>
/// <param name="MachineId">Machine id.</param>
/// <param name="NormalCount">Normal test clips.</param>
/// <param name="AnomalyCount">Anomalous test clips.</param>
/// <param name="ReferenceCount">Clips the reference codes come from.</param>
/// <param name="ReferenceSource">"train normals" or "test normals (no train clips)".</param>
/// <param name="Bottom">The /4 level.</param>
/// <param name="Top">The /8 level.</param>
public sealed record CodeIdStudy(string MachineType, string MachineId, int NormalCount, int AnomalyCount, int ReferenceCount, string ReferenceSource, CodeLevelStudy Bottom, CodeLevelStudy Top);

/// <summary>t-SNE of the per-clip mean bottom latent before and after quantisation.</summary>
/// <param name="PreQuantization">Embedding of the pre-quantisation means, <c>[n, 2]</c>.</param>
/// <param name="PostQuantization">Embedding of the quantised means, <c>[n, 2]</c>.</param>
/// <param name="MachineIds">Id per point.</param>
/// <param name="IsAnomaly">Label per point.</param>
/// <param name="ClipNames">File name per point.</param>
public sealed record CodeEmbedding(double[,] PreQuantization, double[,] PostQuantization, IReadOnlyList<string> MachineIds, IReadOnlyList<bool> IsAnomaly, IReadOnlyList<string> ClipNames);

/// <summary>Everything the quantized study found for one machine type.</summary>
/// <param name="MachineType">Machine type.</param>
/// <param name="Model">Which checkpoint (file and description).</param>
/// <param name="InputNormalization">Which normalisation was fed (mean, std in dB).</param>
/// <param name="Ids">Per id.</param>
/// <param name="Embedding">t-SNE plots' data; null with fewer than 5 clips.</param>
/// <param name="Notes">Fallbacks taken.</param>
/// <param name="DataRoot">Dataset root studied.</param>
public sealed record CodeStudyResult(string MachineType, string Model, Standardiser InputNormalization, IReadOnlyList<CodeIdStudy> Ids, CodeEmbedding? Embedding, IReadOnlyList<string> Notes, string DataRoot);

/// <summary>
/// The seed project's quantized anomaly study: per machine id, test normals and anomalies are encoded by a Stage-1
/// VQ-VAE-2 (first <c>InputWidth</c> frames of each clip, normalised as the checkpoint says), and the code indices are
/// compared — usage (histogram, perplexity, codes used) normal vs anomaly at both levels; where codes change (fraction
/// of anomalous clips whose code differs from the reference's most frequent code, the same over normals, and the
/// excess); the changed-position fraction per clip as an anomaly score (AUC/pAUC); t-SNE of pre- vs post-quantisation features.
/// </summary>
public static class CodeStudy
{
    /// <summary>Runs the study with <paramref name="checkpoint"/> (a VQ-VAE-2; its features and normalisation are used).</summary>
    /// <exception cref="ArgumentException">Not a VQ-VAE-2.</exception>
    /// <exception cref="DatasetLayoutException">Missing data, machine type or ids.</exception>
    public static CodeStudyResult Run(LoadedCheckpoint checkpoint, CodeStudyRequest request, IProgress<StageProgress>? progress = null)
    {
        if (checkpoint.Model is not VqVae2TrainableModel vq)
            throw new ArgumentException($"{checkpoint.Path}: a {checkpoint.Metadata.Kind.CliName()} checkpoint; the code study needs a VQ-VAE-2.", nameof(checkpoint));
        VqVae2Network network = vq.Model;
        string root = request.DataRoot ?? SyntheticDataset.EnsureDefault();
        DatasetScan scan = DatasetScanner.Scan(root, DatasetLayout.Auto, [request.MachineType]);
        string type = request.MachineType;
        var test = scan.Clips.Where(c => c.MachineType == type && c.Split == DataSplit.Test && c.Label is ClipLabel.Normal or ClipLabel.Anomaly).ToList();
        if (test.Count == 0) throw new DatasetLayoutException(scan.Root, $"machine type '{type}' has no labelled test clips ({type}/test/{{normal,anomaly}}_id_XX_*.wav).");
        var ids = test.Select(c => c.MachineId).Distinct().Order(StringComparer.Ordinal)
            .Where(id => request.MachineIds is null || request.MachineIds.Contains(id)).ToList();
        if (request.MachineIds?.Except(ids).ToList() is { Count: > 0 } absent)
            throw new DatasetLayoutException(scan.Root, $"machine id(s) {string.Join(", ", absent)} have no test clips of '{type}'.");
        var train = scan.Clips.Where(c => c.MachineType == type && c.Split == DataSplit.Train && c.Label == ClipLabel.Normal && ids.Contains(c.MachineId))
            .GroupBy(c => c.MachineId).SelectMany(g => g.Take(request.ReferenceClipsPerId)).ToList();
        test = test.Where(c => ids.Contains(c.MachineId)).ToList();

        var extraction = new FeatureExtractionOptions { LogMel = checkpoint.Metadata.Features, CacheFolder = request.CacheFolder, MapCache = true };
        var reporter = StageProgress.Forward(progress, stage => $"{type}: log-mel {stage}");
        using FeatureBlock testBlock = FeatureCache.LoadOrExtract(scan.Root, type, DataSplit.Test, test, extraction, out _, reporter);
        using FeatureBlock? trainBlock = train.Count > 0 ? FeatureCache.LoadOrExtract(scan.Root, type, DataSplit.Train, train, extraction, out _, reporter) : null;

        VqVae2Pass testPass = Encode(network, testBlock, checkpoint.Metadata.Normalization, request.BatchSize);
        progress?.Report(new StageProgress($"{type}: encode", 1, 2));
        VqVae2Pass? trainPass = trainBlock is null ? null : Encode(network, trainBlock, checkpoint.Metadata.Normalization, request.BatchSize);
        progress?.Report(new StageProgress($"{type}: encode", 2, 2));

        var notes = new List<string>();
        var studies = new List<CodeIdStudy>();
        foreach (string id in ids)
        {
            int[] normal = Rows(testBlock, c => c.MachineId == id && c.Label == ClipLabel.Normal);
            int[] anomaly = Rows(testBlock, c => c.MachineId == id && c.Label == ClipLabel.Anomaly);
            int[] reference = trainBlock is null ? [] : Rows(trainBlock, c => c.MachineId == id);
            bool fromTrain = reference.Length > 0;
            if (!fromTrain)
            {
                if (normal.Length == 0) throw new DatasetLayoutException(scan.Root, $"{type}/{id}: no normal clip (train or test) to take reference codes from.");
                notes.Add($"{type}/{id}: no train normals; reference codes from the test normals themselves (their change fraction is then biased low).");
            }
            VqVae2Pass referencePass = fromTrain ? trainPass! : testPass;
            if (!fromTrain) reference = normal;
            studies.Add(new CodeIdStudy(type, id, normal.Length, anomaly.Length, reference.Length, fromTrain ? "train normals" : "test normals (no train clips)",
                CodeLevelStudy.Compute("bottom", network.Options.NumEmbeddingsBottom, Grid(testPass, normal, bottom: true), Grid(testPass, anomaly, bottom: true), Grid(referencePass, reference, bottom: true)),
                CodeLevelStudy.Compute("top", network.Options.NumEmbeddingsTop, Grid(testPass, normal, bottom: false), Grid(testPass, anomaly, bottom: false), Grid(referencePass, reference, bottom: false))));
        }
        CodeEmbedding? embedding = Embed(testBlock, testPass, network.Options.EmbeddingDim, request);
        string model = $"{Path.GetFileName(checkpoint.Path)}" + (checkpoint.Metadata.DataDescription is { } d ? $" ({d})" : "");
        return new CodeStudyResult(type, model, checkpoint.Metadata.Normalization, studies, embedding, notes, scan.Root);
    }

    /// <summary>
    /// Encodes the first <c>InputWidth</c> frames of every clip of <paramref name="block"/> (clips shorter than that repeat
    /// their last real frame), normalised with <paramref name="normalization"/>.
    /// </summary>
    public static VqVae2Pass Encode(VqVae2Network network, FeatureBlock block, Standardiser normalization, int batchSize)
    {
        VqVae2Options o = network.Options;
        int mels = block.NMels, width = o.InputWidth;
        if (mels % 8 != 0) throw new ArgumentException($"The features have {mels} mel bands; the VQ-VAE-2 needs a multiple of 8.");
        var input = new float[(long)block.Count * mels * width];
        float mean = (float)normalization.GlobalMean, scale = (float)(1 / normalization.GlobalStd);
        for (int c = 0; c < block.Count; c++)
        {
            Span<float> clip = block.Clip(c);
            int real = Math.Max(1, block.RealFrames[c]);
            for (int m = 0; m < mels; m++)
                for (int t = 0; t < width; t++)
                    input[((long)c * mels + m) * width + t] = (clip[m * block.Frames + Math.Min(t, real - 1)] - mean) * scale;
        }
        return VqVae2Inference.Run(network, input, block.Count, mels, width, batchSize, reconstruct: false);
    }

    private static int[] Rows(FeatureBlock block, Func<ClipRecord, bool> where) =>
        Enumerable.Range(0, block.Count).Where(i => where(block.Clips[i])).ToArray();

    private static CodeGrid Grid(VqVae2Pass pass, int[] rows, bool bottom)
    {
        var (r, c) = bottom ? pass.BottomGrid : pass.TopGrid;
        long[] all = bottom ? pass.BottomCodes : pass.TopCodes;
        int positions = r * c;
        var codes = new long[(long)rows.Length * positions];
        for (int i = 0; i < rows.Length; i++) Array.Copy(all, (long)rows[i] * positions, codes, (long)i * positions, positions);
        return new CodeGrid(codes, rows.Length, r, c);
    }

    private static CodeEmbedding? Embed(FeatureBlock block, VqVae2Pass pass, int dim, CodeStudyRequest request)
    {
        int n = Math.Min(block.Count, request.MaxTsneClips);
        if (n < 5) return null;
        // Evenly spaced clips keep every id and label represented when there are more clips than the plot takes.
        int[] rows = Enumerable.Range(0, n).Select(i => (int)((long)i * block.Count / n)).ToArray();
        double[,] Matrix(float[] means)
        {
            var x = new double[n, dim];
            for (int i = 0; i < n; i++)
                for (int d = 0; d < dim; d++) x[i, d] = means[rows[i] * dim + d];
            return x;
        }
        TsneOptions options = request.Tsne with { Perplexity = Math.Min(request.Tsne.Perplexity, (n - 1) / 3.0) };
        return new CodeEmbedding(
            Tsne.Fit(Matrix(pass.BottomLatentMeans), options).Embedding,
            Tsne.Fit(Matrix(pass.BottomQuantizedMeans), options).Embedding,
            rows.Select(i => block.Clips[i].MachineId).ToList(),
            rows.Select(i => block.Clips[i].Label == ClipLabel.Anomaly).ToList(),
            rows.Select(i => Path.GetFileName(block.Clips[i].Path)).ToList());
    }
}
