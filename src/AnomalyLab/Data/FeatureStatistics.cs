using System.Text.Json;
using System.Text.Json.Serialization;
using AnomalyLab.IO;

namespace AnomalyLab.Data;

/// <summary>How features are standardised with train statistics.</summary>
public enum Standardisation
{
    /// <summary>Raw dB values.</summary>
    None,

    /// <summary>One mean and standard deviation over every real cell.</summary>
    Global,

    /// <summary>A mean and standard deviation per mel band (over clips and real frames).</summary>
    PerMel,
}

/// <summary>
/// Mean and standard deviation of training features (population std, ddof = 0, as numpy's default), computed over
/// real frames only (padding excluded), stored as JSON beside results and re-applied to a test set.
/// </summary>
/// <param name="Mode">Standardisation kind.</param>
/// <param name="Mean">Means, shape <c>[1]</c> (global), <c>[n_mels]</c> (per mel) or empty (none), dB.</param>
/// <param name="Std">Standard deviations, same shape, dB; floored at <see cref="MinStd"/>.</param>
public sealed record FeatureStatistics(
    [property: JsonConverter(typeof(JsonStringEnumConverter<Standardisation>))] Standardisation Mode,
    float[] Mean,
    float[] Std)
{
    /// <summary>Smallest standard deviation used, so constant bands do not divide by zero. 1e-6 dB.</summary>
    public const float MinStd = 1e-6f;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>No standardisation.</summary>
    public static FeatureStatistics None { get; } = new(Standardisation.None, [], []);

    /// <summary>Computes the statistics of <paramref name="blocks"/> (real frames only) for <paramref name="mode"/>.</summary>
    /// <exception cref="ArgumentException">No real cells, or blocks with different mel counts.</exception>
    public static FeatureStatistics Fit(IEnumerable<FeatureBlock> blocks, Standardisation mode)
    {
        if (mode == Standardisation.None) return None;
        var list = blocks.ToList();
        if (list.Count == 0) throw new ArgumentException("statistics need at least one feature block.");
        int mels = list[0].NMels;
        if (list.Any(b => b.NMels != mels)) throw new ArgumentException($"feature blocks have different mel counts ({string.Join(", ", list.Select(b => b.NMels).Distinct())}).");
        var sum = new double[mels];
        var sumSquares = new double[mels];
        long cellsPerMel = 0;
        foreach (FeatureBlock block in list)
        {
            for (int c = 0; c < block.Count; c++)
            {
                ReadOnlySpan<float> clip = block.Clip(c);
                int real = block.RealFrames[c];
                cellsPerMel += real;
                for (int m = 0; m < mels; m++)
                {
                    double s = 0, s2 = 0;
                    foreach (float v in clip.Slice(m * block.Frames, real))
                    {
                        s += v;
                        s2 += (double)v * v;
                    }
                    sum[m] += s;
                    sumSquares[m] += s2;
                }
            }
        }
        if (cellsPerMel == 0) throw new ArgumentException("the feature blocks hold no real frames.");
        if (mode == Standardisation.Global)
        {
            double n = (double)cellsPerMel * mels;
            double mean = sum.Sum() / n;
            double variance = Math.Max(0, sumSquares.Sum() / n - mean * mean);
            return new FeatureStatistics(mode, [(float)mean], [Math.Max(MinStd, (float)Math.Sqrt(variance))]);
        }
        var means = new float[mels];
        var stds = new float[mels];
        for (int m = 0; m < mels; m++)
        {
            double mean = sum[m] / cellsPerMel;
            means[m] = (float)mean;
            stds[m] = Math.Max(MinStd, (float)Math.Sqrt(Math.Max(0, sumSquares[m] / cellsPerMel - mean * mean)));
        }
        return new FeatureStatistics(mode, means, stds);
    }

    /// <summary>
    /// Standardises the real frames of <paramref name="block"/> in place, <c>(x − mean) / std</c>, and sets padding cells to
    /// <paramref name="padValue"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Per-mel statistics for a different mel count.</exception>
    public void Apply(FeatureBlock block, float padValue = 0f)
    {
        if (Mode == Standardisation.PerMel && Mean.Length != block.NMels)
            throw new ArgumentException($"per-mel statistics for {Mean.Length} mel bands cannot standardise features with {block.NMels}.");
        if (Mode != Standardisation.None)
        {
            for (int c = 0; c < block.Count; c++)
            {
                Span<float> clip = block.Clip(c);
                int real = block.RealFrames[c];
                for (int m = 0; m < block.NMels; m++)
                {
                    int k = Mode == Standardisation.Global ? 0 : m;
                    float mean = Mean[k], inverse = 1f / Std[k];
                    Span<float> row = clip.Slice(m * block.Frames, real);
                    for (int t = 0; t < row.Length; t++) row[t] = (row[t] - mean) * inverse;
                }
            }
        }
        block.FillPadding(padValue);
    }

    /// <summary>Writes the statistics as JSON (atomically).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads statistics written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Unreadable or inconsistent file (message names it).</exception>
    public static FeatureStatistics Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: statistics file not found.", path);
        FeatureStatistics? statistics;
        try
        {
            statistics = JsonSerializer.Deserialize<FeatureStatistics>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a feature statistics file ({e.Message}).", e);
        }
        if (statistics == null || statistics.Mean == null || statistics.Std == null || statistics.Mean.Length != statistics.Std.Length)
            throw new InvalidDataException($"{path}: statistics file must hold Mode, Mean and Std of equal length.");
        int expected = statistics.Mode switch { Standardisation.None => 0, Standardisation.Global => 1, _ => -1 };
        if (expected >= 0 && statistics.Mean.Length != expected)
            throw new InvalidDataException($"{path}: {statistics.Mode} statistics need {expected} value(s), found {statistics.Mean.Length}.");
        return statistics;
    }
}
