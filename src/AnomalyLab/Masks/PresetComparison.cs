namespace AnomalyLab.Masks;

/// <summary>
/// Every preset scored against every machine id, with bootstrap replicates over clips kept so that any margin (best vs runner-up,
/// fitted vs best seed, per id or averaged over ids) gets an interval. The one place verdicts and result sentences come from.
/// </summary>
public sealed class PresetComparison
{
    private readonly double[][,] replicates; // [replicate][preset, id]

    private PresetComparison(string machineType, IReadOnlyList<CoverageProfile> profiles, IReadOnlyList<AnomalyExcessMap> maps, IReadOnlyList<AgreementScore> scores, double[][,] replicates, int skipped, BootstrapOptions bootstrap, IReadOnlyList<string>? tooFewClips = null)
    {
        IdsWithoutInterval = tooFewClips ?? [];
        MachineType = machineType;
        Profiles = profiles;
        Maps = maps;
        Scores = scores;
        this.replicates = replicates;
        SkippedReplicates = skipped;
        Bootstrap = bootstrap;
    }

    /// <summary>Machine type.</summary>
    public string MachineType { get; }

    /// <summary>The presets compared, in order.</summary>
    public IReadOnlyList<CoverageProfile> Profiles { get; }

    /// <summary>The real maps (all clips), in order.</summary>
    public IReadOnlyList<AnomalyExcessMap> Maps { get; }

    /// <summary>Agreement on all clips, preset-major (<see cref="MaskAgreement.Table"/>).</summary>
    public IReadOnlyList<AgreementScore> Scores { get; }

    /// <summary>The bootstrap settings used.</summary>
    public BootstrapOptions Bootstrap { get; }

    /// <summary>Replicates used (drawn minus skipped).</summary>
    public int Replicates => replicates.Length;

    /// <summary>Ids with fewer than <see cref="BootstrapOptions.MinimumClips"/> normal or anomalous clips: no interval, no win claimed.</summary>
    public IReadOnlyList<string> IdsWithoutInterval { get; }

    /// <summary>Replicates whose drawn clips showed no positive excess for some id (left out; reported, not hidden).</summary>
    public int SkippedReplicates { get; }

    /// <summary>
    /// Scores <paramref name="profiles"/> on the ids of <paramref name="clips"/>, and (unless <see cref="BootstrapOptions.Replicates"/> is
    /// 0) re-scores them on clip resamples of every id.
    /// </summary>
    public static PresetComparison Run(string machineType, IReadOnlyList<CoverageProfile> profiles, IReadOnlyList<ExcessMapClips> clips, BootstrapOptions? bootstrap = null, AgreementOptions? agreement = null, ExtentOptions? extent = null)
    {
        bootstrap = (bootstrap ?? BootstrapOptions.Default).Validate();
        var maps = clips.Select(c => c.Map(extent)).ToArray();
        var draws = new double[bootstrap.Replicates][,];
        var ok = new bool[bootstrap.Replicates];
        Parallel.For(0, bootstrap.Replicates, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r =>
        {
            var matrix = new double[profiles.Count, clips.Count];
            for (int i = 0; i < clips.Count; i++)
            {
                if (clips[i].Resampled(bootstrap.Seed, r, extent) is not { } map) return;
                for (int p = 0; p < profiles.Count; p++) matrix[p, i] = MaskAgreement.Score(profiles[p], map, agreement).Score;
            }
            draws[r] = matrix;
            ok[r] = true;
        });
        var kept = draws.Where((_, r) => ok[r]).ToArray();
        var tooFew = clips.Where(c => c.Normal.Count < bootstrap.MinimumClips || c.Anomalous.Count < bootstrap.MinimumClips).Select(c => c.MachineId).ToArray();
        return new PresetComparison(machineType, profiles, maps, MaskAgreement.Table(profiles, maps, agreement), kept, bootstrap.Replicates - kept.Length, bootstrap, tooFew);
    }

    /// <summary>Scores only (maps without clips, e.g. a synthetic ground truth): no intervals, so no win is claimed.</summary>
    public static PresetComparison WithoutBootstrap(string machineType, IReadOnlyList<CoverageProfile> profiles, IReadOnlyList<AnomalyExcessMap> maps, AgreementOptions? agreement = null) =>
        new(machineType, profiles, maps, MaskAgreement.Table(profiles, maps, agreement), [], 0, BootstrapOptions.None);

    /// <summary>Score of preset <paramref name="preset"/> on id <paramref name="machineId"/> (all clips).</summary>
    public AgreementScore Score(string preset, string machineId) =>
        Scores.FirstOrDefault(s => s.Preset == preset && s.MachineId == machineId) ?? throw new ArgumentException($"no score of preset '{preset}' on {machineId}");

    /// <summary>Mean score of <paramref name="preset"/> over <paramref name="ids"/> (default all ids).</summary>
    public double MeanScore(string preset, IReadOnlyList<string>? ids = null) => (ids ?? Ids).Average(id => Score(preset, id).Score);

    /// <summary>Machine ids in order.</summary>
    public IReadOnlyList<string> Ids => Maps.Select(m => m.MachineId).ToArray();

    /// <summary>
    /// Bootstrap interval of mean(a) − mean(b) over <paramref name="ids"/>: the percentiles of the replicate margins re-centred on the
    /// all-clips margin; (NaN, NaN) without replicates. Drawing clips with replacement shifts the excess map itself (repeated normal
    /// clips vary less than distinct ones), so the replicates' median can sit away from the all-clips margin; that shift is removed
    /// (replicate − median + all-clips margin) and only their spread is used. The interval always holds the margin it qualifies.
    /// </summary>
    public (double Low, double High) MarginInterval(string a, string b, IReadOnlyList<string>? ids = null)
    {
        ids ??= Ids;
        if (replicates.Length == 0 || ids.Any(IdsWithoutInterval.Contains)) return (double.NaN, double.NaN);
        int ia = PresetIndex(a), ib = PresetIndex(b);
        int[] columns = ids.Select(IdIndex).ToArray();
        double[] margins = replicates.Select(m => columns.Average(c => m[ia, c] - m[ib, c])).Order().ToArray();
        double shift = MeanScore(a, ids) - MeanScore(b, ids) - Percentile(margins, 0.5);
        double tail = (1 - Bootstrap.Confidence) / 2;
        return (Percentile(margins, tail) + shift, Percentile(margins, 1 - tail) + shift);
    }

    /// <summary>The verdict on <paramref name="ids"/> (default all; several ids = their mean score) among all presets, or only among <paramref name="presets"/>.</summary>
    public PresetVerdict Verdict(IReadOnlyList<string>? ids = null, IReadOnlyList<string>? presets = null)
    {
        ids ??= Ids;
        var ranked = (presets ?? Profiles.Select(p => p.Name).ToArray()).Select(p => (name: p, score: MeanScore(p, ids))).OrderByDescending(p => p.score).ToArray();
        if (ranked.Length < 2) throw new InvalidOperationException("a verdict needs at least two presets");
        var (low, high) = MarginInterval(ranked[0].name, ranked[1].name, ids);
        string scope = ids.Count == 1 ? ids[0] : $"{MachineType}, mean over {string.Join(", ", ids)}";
        return new PresetVerdict(scope, ranked[0].name, ranked[0].score, ranked[1].name, ranked[1].score, low, high, double.IsNaN(low) ? 0 : replicates.Length, Bootstrap.Confidence);
    }

    /// <summary>Per id, then the mean over ids: the verdict among all presets.</summary>
    public IReadOnlyList<PresetVerdict> Verdicts() => Ids.Count == 1 ? [Verdict()] : Ids.Select(id => Verdict([id])).Append(Verdict()).ToArray();

    /// <summary>
    /// The verdict of <paramref name="challenger"/> against the best of <paramref name="others"/> (default every other preset) on
    /// <paramref name="ids"/> (mean score).
    /// </summary>
    public PresetVerdict Challenge(string challenger, IReadOnlyList<string>? ids = null, IReadOnlyList<string>? others = null)
    {
        ids ??= Ids;
        var best = (others ?? Profiles.Select(p => p.Name).ToArray()).Where(p => p != challenger).OrderByDescending(p => MeanScore(p, ids)).First();
        double c = MeanScore(challenger, ids), b = MeanScore(best, ids);
        string scope = ids.Count == 1 ? ids[0] : $"{MachineType}, mean over {string.Join(", ", ids)}";
        // Signed: challenger − best other; "Best" is whichever is ahead.
        var (low, high) = MarginInterval(challenger, best, ids);
        int used = double.IsNaN(low) ? 0 : replicates.Length;
        return c >= b
            ? new PresetVerdict(scope, challenger, c, best, b, low, high, used, Bootstrap.Confidence)
            : new PresetVerdict(scope, best, b, challenger, c, -high, -low, used, Bootstrap.Confidence);
    }

    private int PresetIndex(string name)
    {
        for (int p = 0; p < Profiles.Count; p++)
            if (Profiles[p].Name == name) return p;
        throw new ArgumentException($"preset '{name}' is not in the comparison ({string.Join(", ", Profiles.Select(p => p.Name))})");
    }

    private int IdIndex(string id)
    {
        for (int i = 0; i < Maps.Count; i++)
            if (Maps[i].MachineId == id) return i;
        throw new ArgumentException($"machine id '{id}' is not in the comparison ({string.Join(", ", Ids)})");
    }

    // Linear interpolation between order statistics (numpy's default percentile).
    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position), high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
