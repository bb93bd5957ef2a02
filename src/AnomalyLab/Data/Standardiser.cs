using System.Text.Json;
using System.Text.Json.Serialization;
using AnomalyLab.IO;

namespace AnomalyLab.Data;

/// <summary>How features are standardised with train statistics (<see cref="Standardiser"/>).</summary>
public enum Standardisation
{
    /// <summary>Raw dB values.</summary>
    None,

    /// <summary>One mean and standard deviation over every real cell.</summary>
    Global,

    /// <summary>A mean and standard deviation per mel band (over clips and real frames).</summary>
    PerMel,

    /// <summary>
    /// A mean and standard deviation per column of a <c>[samples, features]</c> matrix (scikit-learn's <c>StandardScaler</c>:
    /// constant columns get scale 1), so distance- and kernel-based detectors weigh features alike.
    /// </summary>
    PerFeature,
}

/// <summary>
/// The one z-scorer, <c>(x − mean) / std</c> with training statistics (population std, ddof = 0, as numpy's default), in
/// three modes: <see cref="Standardisation.Global"/> and <see cref="Standardisation.PerMel"/> over the real frames of
/// <see cref="FeatureBlock"/>s (padding excluded; float32 statistics, <see cref="Fit"/> / <see cref="ApplyInplace"/>), and
/// <see cref="Standardisation.PerFeature"/> over the columns of a <c>[samples, features]</c> matrix (float64, scikit-learn's
/// <c>StandardScaler</c>; <see cref="FitPerFeature"/> / <see cref="Transform"/>). Stored as JSON beside results and
/// re-applied to a test set.
/// </summary>
/// <param name="Mode">Standardisation kind.</param>
/// <param name="Mean">Means, shape <c>[1]</c> (global), <c>[n_mels]</c> (per mel), <c>[features]</c> (per feature) or empty (none);
/// dB for log-mels. Block modes hold float32 values (widened).</param>
/// <param name="Std">Standard deviations, same shape; floored at <see cref="MinStd"/> in the block modes, 1 for a constant feature.</param>
public sealed record Standardiser(
    [property: JsonConverter(typeof(JsonStringEnumConverter<Standardisation>))] Standardisation Mode,
    double[] Mean,
    double[] Std)
{
    /// <summary>Smallest standard deviation used, so constant bands do not divide by zero. 1e-6 dB.</summary>
    public const float MinStd = 1e-6f;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>No standardisation.</summary>
    public static Standardiser None { get; } = new(Standardisation.None, [], []);

    /// <summary>Computes the statistics of <paramref name="blocks"/> (real frames only) for <paramref name="mode"/> (global or per mel).</summary>
    /// <exception cref="ArgumentException">No real cells, blocks with different mel counts, or the per-feature mode (see <see cref="FitPerFeature"/>).</exception>
    public static Standardiser Fit(IEnumerable<FeatureBlock> blocks, Standardisation mode)
    {
        if (mode == Standardisation.None) return None;
        if (mode == Standardisation.PerFeature) throw new ArgumentException("per-feature standardisation fits a [samples, features] matrix (FitPerFeature), not feature blocks.");
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
            return new Standardiser(mode, [(float)mean], [Math.Max(MinStd, (float)Math.Sqrt(variance))]);
        }
        var means = new double[mels];
        var stds = new double[mels];
        for (int m = 0; m < mels; m++)
        {
            double mean = sum[m] / cellsPerMel;
            means[m] = (float)mean;
            stds[m] = Math.Max(MinStd, (float)Math.Sqrt(Math.Max(0, sumSquares[m] / cellsPerMel - mean * mean)));
        }
        return new Standardiser(mode, means, stds);
    }

    /// <summary>
    /// Standardises the real frames of <paramref name="block"/> IN PLACE (its values are overwritten), <c>(x − mean) / std</c>
    /// in float32, and sets padding cells to <paramref name="padValue"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Per-mel statistics for a different mel count, or per-feature statistics.</exception>
    public void ApplyInplace(FeatureBlock block, float padValue = 0f)
    {
        if (Mode == Standardisation.PerMel && Mean.Length != block.NMels)
            throw new ArgumentException($"per-mel statistics for {Mean.Length} mel bands cannot standardise features with {block.NMels}.");
        if (Mode == Standardisation.PerFeature)
            throw new ArgumentException("per-feature statistics standardise a [samples, features] matrix (Transform), not a feature block.");
        if (Mode != Standardisation.None)
        {
            for (int c = 0; c < block.Count; c++)
            {
                Span<float> clip = block.Clip(c);
                int real = block.RealFrames[c];
                for (int m = 0; m < block.NMels; m++)
                {
                    int k = Mode == Standardisation.Global ? 0 : m;
                    float mean = (float)Mean[k], inverse = 1f / (float)Std[k];
                    Span<float> row = clip.Slice(m * block.Frames, real);
                    for (int t = 0; t < row.Length; t++) row[t] = (row[t] - mean) * inverse;
                }
            }
        }
        block.FillPadding(padValue);
    }

    /// <summary>
    /// Per-feature statistics of <paramref name="x"/> <c>[n_samples, n_features]</c> (float64, population std; a constant
    /// feature gets scale 1), as scikit-learn's <c>StandardScaler().fit(x)</c>.
    /// </summary>
    public static Standardiser FitPerFeature(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i, j];
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[i, j] - m) * (x[i, j] - m);
            mean[j] = m;
            double sd = Math.Sqrt(v / n);
            scale[j] = sd > 0 ? sd : 1;
        }
        return new Standardiser(Standardisation.PerFeature, mean, scale);
    }

    /// <summary>A standardised copy of <paramref name="x"/> <c>[n_samples, n_features]</c>, <c>(x − mean) / std</c> per column (input unchanged).</summary>
    /// <exception cref="ArgumentException">Statistics that are not per-feature, or another feature count.</exception>
    public double[,] Transform(double[,] x)
    {
        if (Mode != Standardisation.PerFeature) throw new ArgumentException($"Transform takes per-feature statistics; these are {Mode} (use ApplyInplace on a feature block).");
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != Mean.Length) throw new ArgumentException($"{d} features, the standardiser was fit on {Mean.Length}.");
        var result = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) result[i, j] = (x[i, j] - Mean[j]) / Std[j];
        return result;
    }

    /// <summary>Writes the statistics as JSON (atomically).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads statistics written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Unreadable or inconsistent file (message names it).</exception>
    public static Standardiser Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: statistics file not found.", path);
        Standardiser? statistics;
        try
        {
            statistics = JsonSerializer.Deserialize<Standardiser>(File.ReadAllText(path), Json);
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
