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
/// <see cref="FeatureBlock"/>s (padding excluded; <see cref="Fit"/>, then <see cref="ApplyInplace(FeatureBlock, float)"/> or, for one
/// <c>[n_mels, frames]</c> log-mel, <see cref="ApplyInplace(float[,])"/> / <see cref="Transform(float[,])"/>), and
/// <see cref="Standardisation.PerFeature"/> over the columns of a <c>[samples, features]</c> matrix (float64, scikit-learn's
/// <c>StandardScaler</c>; <see cref="FitPerFeature"/> / <see cref="Transform(double[,])"/>). <c>ApplyInplace</c> overwrites its
/// input; <c>Transform</c> returns a copy. Stored as JSON beside study results and inside every model checkpoint (the
/// model's input normalisation, global or none), and re-applied to test data.
/// </summary>
/// <example>
/// <code>
/// Standardiser stats = Standardiser.Fit([trainBlock], Standardisation.Global);   // mean/std of the train log-mels, dB
/// stats.ApplyInplace(testBlock);                                                  // test block now in train z-units
/// float[,] z = stats.Transform(logMel);                                           // a standardised copy of one clip
/// </code>
/// </example>
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

    /// <summary>
    /// Computes the statistics of <paramref name="blocks"/> (real frames only) for <paramref name="mode"/>: global — float64
    /// mean and population std over every real cell in block, clip, mel, frame order (two passes; what every model checkpoint
    /// stores as its input normalisation); per mel — a float32 mean and std per band over clips and real frames.
    /// Standard deviations are floored at <see cref="MinStd"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No real cells, blocks with different mel counts, or the per-feature mode (see <see cref="FitPerFeature"/>).</exception>
    public static Standardiser Fit(IEnumerable<FeatureBlock> blocks, Standardisation mode)
    {
        if (mode == Standardisation.None) return None;
        if (mode == Standardisation.PerFeature) throw new ArgumentException("per-feature standardisation fits a [samples, features] matrix (FitPerFeature), not feature blocks.");
        var list = blocks.ToList();
        if (list.Count == 0) throw new ArgumentException("statistics need at least one feature block.");
        int mels = list[0].NMels;
        if (list.Any(b => b.NMels != mels)) throw new ArgumentException($"feature blocks have different mel counts ({string.Join(", ", list.Select(b => b.NMels).Distinct())}).");
        return mode == Standardisation.Global ? FitGlobal(list) : FitPerMel(list, mels);
    }

    private static Standardiser FitGlobal(List<FeatureBlock> blocks)
    {
        long count = 0;
        double sum = 0;
        foreach (FeatureBlock block in blocks)
            for (int c = 0; c < block.Count; c++)
            {
                ReadOnlySpan<float> clip = block.Clip(c);
                int real = block.RealFrames[c];
                count += (long)real * block.NMels;
                for (int m = 0; m < block.NMels; m++)
                    foreach (float v in clip.Slice(m * block.Frames, real)) sum += v;
            }
        if (count == 0) throw new ArgumentException("the feature blocks hold no real frames.");
        double mean = sum / count, squares = 0;
        foreach (FeatureBlock block in blocks)
            for (int c = 0; c < block.Count; c++)
            {
                ReadOnlySpan<float> clip = block.Clip(c);
                for (int m = 0; m < block.NMels; m++)
                    foreach (float v in clip.Slice(m * block.Frames, block.RealFrames[c])) squares += (v - mean) * (v - mean);
            }
        return Global(mean, Math.Max(Math.Sqrt(squares / count), MinStd));
    }

    private static Standardiser FitPerMel(List<FeatureBlock> blocks, int mels)
    {
        var sum = new double[mels];
        var sumSquares = new double[mels];
        long cellsPerMel = 0;
        foreach (FeatureBlock block in blocks)
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
        var means = new double[mels];
        var stds = new double[mels];
        for (int m = 0; m < mels; m++)
        {
            double mean = sum[m] / cellsPerMel;
            means[m] = (float)mean;
            stds[m] = Math.Max(MinStd, (float)Math.Sqrt(Math.Max(0, sumSquares[m] / cellsPerMel - mean * mean)));
        }
        return new Standardiser(Standardisation.PerMel, means, stds);
    }

    /// <summary>Global statistics given as numbers (e.g. a PyTorch model's training mean and std), dB.</summary>
    /// <exception cref="ArgumentException">A non-finite mean or a std that is not finite and above 0.</exception>
    public static Standardiser Global(double mean, double std)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(std) || std <= 0)
            throw new ArgumentException($"global statistics need a finite mean and a finite std above 0 (mean {mean}, std {std}).");
        return new Standardiser(Standardisation.Global, [mean], [std]);
    }

    /// <summary>The global mean (dB): <c>Mean[0]</c> for global statistics, 0 for none.</summary>
    /// <exception cref="InvalidOperationException">Per-mel or per-feature statistics (no single mean).</exception>
    [JsonIgnore]
    public double GlobalMean => Mode switch
    {
        Standardisation.None => 0,
        Standardisation.Global => Mean[0],
        _ => throw new InvalidOperationException($"{Mode.Name()} statistics have no single mean."),
    };

    /// <summary>The global standard deviation (dB): <c>Std[0]</c> for global statistics, 1 for none.</summary>
    /// <exception cref="InvalidOperationException">Per-mel or per-feature statistics (no single std).</exception>
    [JsonIgnore]
    public double GlobalStd => Mode switch
    {
        Standardisation.None => 1,
        Standardisation.Global => Std[0],
        _ => throw new InvalidOperationException($"{Mode.Name()} statistics have no single standard deviation."),
    };

    /// <summary>
    /// Standardises the real frames of <paramref name="block"/> IN PLACE (its values are overwritten), <c>(x − mean) / std</c>
    /// in float32, and sets padding cells to <paramref name="padValue"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Per-mel statistics for a different mel count, or per-feature statistics.</exception>
    public void ApplyInplace(FeatureBlock block, float padValue = 0f)
    {
        RequireBlockMode(block.NMels);
        if (Mode != Standardisation.None)
        {
            for (int c = 0; c < block.Count; c++)
            {
                Span<float> clip = block.Clip(c);
                int real = block.RealFrames[c];
                for (int m = 0; m < block.NMels; m++)
                {
                    StandardiseRow(clip.Slice(m * block.Frames, real), m);
                }
            }
        }
        block.FillPadding(padValue);
    }

    /// <summary>
    /// Standardises a log-mel <paramref name="logMel"/> <c>[n_mels, frames]</c> IN PLACE (every frame is real), with the
    /// arithmetic of <see cref="ApplyInplace(FeatureBlock, float)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Per-mel statistics for a different mel count, or per-feature statistics.</exception>
    public void ApplyInplace(float[,] logMel)
    {
        int mels = logMel.GetLength(0), frames = logMel.GetLength(1);
        RequireBlockMode(mels);
        if (Mode == Standardisation.None || logMel.Length == 0) return;
        Span<float> values = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref logMel[0, 0], logMel.Length);
        for (int m = 0; m < mels; m++) StandardiseRow(values.Slice(m * frames, frames), m);
    }

    /// <summary>A standardised copy of the log-mel <paramref name="logMel"/> <c>[n_mels, frames]</c> (input unchanged).</summary>
    /// <exception cref="ArgumentException">Per-mel statistics for a different mel count, or per-feature statistics.</exception>
    public float[,] Transform(float[,] logMel)
    {
        var copy = (float[,])logMel.Clone();
        ApplyInplace(copy);
        return copy;
    }

    private void RequireBlockMode(int mels)
    {
        if (Mode == Standardisation.PerMel && Mean.Length != mels)
            throw new ArgumentException($"per-mel statistics for {Mean.Length} mel bands cannot standardise features with {mels}.");
        if (Mode == Standardisation.PerFeature)
            throw new ArgumentException("per-feature statistics standardise a [samples, features] matrix (Transform), not log-mel features.");
    }

    /// <summary><c>(x − mean) · (1 / std)</c> in float32 with the reciprocal taken in float64, for band <paramref name="mel"/>.</summary>
    private void StandardiseRow(Span<float> row, int mel)
    {
        int k = Mode == Standardisation.Global ? 0 : mel;
        float mean = (float)Mean[k], inverse = (float)(1.0 / Std[k]);
        for (int t = 0; t < row.Length; t++) row[t] = (row[t] - mean) * inverse;
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
        if (Mode != Standardisation.PerFeature) throw new ArgumentException($"Transform takes per-feature statistics; these are {Mode} (use ApplyInplace or Transform(float[,]) for log-mel features).");
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != Mean.Length) throw new ArgumentException($"{d} features, the standardiser was fit on {Mean.Length}.");
        var result = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) result[i, j] = (x[i, j] - Mean[j]) / Std[j];
        return result;
    }

    /// <summary>Equal when mode and every mean and std are equal (value equality of the arrays).</summary>
    public bool Equals(Standardiser? other) =>
        other is not null && Mode == other.Mode && Mean.AsSpan().SequenceEqual(other.Mean) && Std.AsSpan().SequenceEqual(other.Std);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Mode);
        foreach (double v in Mean) hash.Add(v);
        foreach (double v in Std) hash.Add(v);
        return hash.ToHashCode();
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
        string? problem = statistics is null ? "statistics file must hold Mode, Mean and Std of equal length" : statistics.ShapeProblem();
        if (problem is not null) throw new InvalidDataException($"{path}: {problem}.");
        return statistics!;
    }

    /// <summary>
    /// What is wrong with the shape of deserialised statistics, or null: Mean and Std present and of equal length, one value
    /// each for global statistics, none for none.
    /// </summary>
    public string? ShapeProblem()
    {
        if (Mean is null || Std is null || Mean.Length != Std.Length) return "statistics file must hold Mode, Mean and Std of equal length";
        int expected = Mode switch { Standardisation.None => 0, Standardisation.Global => 1, _ => -1 };
        return expected >= 0 && Mean.Length != expected ? $"{Mode} statistics need {expected} value(s), found {Mean.Length}" : null;
    }
}
