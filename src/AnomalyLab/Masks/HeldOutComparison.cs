namespace AnomalyLab.Masks;

/// <summary>How much one learned part of a fitted preset adds on held-out ids: score(fitted) − score(fitted with that part uniform).</summary>
/// <param name="Part">position (band-centre distribution), width (band-width distribution) or run length (segment-length distribution).</param>
/// <param name="Delta">Mean over the held-out ids; positive = the learned part helps, 0 when the fit already chose uniform.</param>
public sealed record PartContribution(string Part, double Delta);

/// <summary>
/// One fold of held-out evaluation: a preset fitted on <see cref="FitIds"/> only, compared with every other preset (the three seed
/// presets and Perlin) on <see cref="HeldOutIds"/>, which the fit (and its inner leave-one-id-out) never saw.
/// </summary>
public sealed record HeldOutComparison(IReadOnlyList<string> FitIds, IReadOnlyList<string> HeldOutIds, AudioBandSegmentOptions Fitted, PresetComparison Comparison, IReadOnlyList<PartContribution> Contributions)
{
    /// <summary>The presets this fold compares: every preset of the comparison that is not another fold's fitted preset, and this fold's.</summary>
    public IReadOnlyList<string> Contenders => Comparison.Profiles.Select(p => p.Name).Where(n => n == Fitted.Name || !n.StartsWith(FittedPrefix, StringComparison.Ordinal)).ToArray();

    /// <summary>Contenders other than the fitted preset (the seed presets and Perlin).</summary>
    public IReadOnlyList<string> Others => Contenders.Where(n => n != Fitted.Name).ToArray();

    /// <summary>Fitted preset vs the best other preset on the held-out ids (mean score), with the bootstrap interval over their clips.</summary>
    public PresetVerdict Verdict => Comparison.Challenge(Fitted.Name, HeldOutIds, Others);

    /// <summary>Mean score of the fitted preset on the held-out ids.</summary>
    public double FittedScore => Comparison.MeanScore(Fitted.Name, HeldOutIds);

    /// <summary>Mean score of <paramref name="preset"/> on the held-out ids.</summary>
    public double Score(string preset) => Comparison.MeanScore(preset, HeldOutIds);

    /// <summary>The best other preset on the held-out ids.</summary>
    public string BestOther => Others.OrderByDescending(Score).First();

    /// <summary>Fitted − best other (signed mean-score margin).</summary>
    public double Margin => FittedScore - Score(BestOther);

    /// <summary>True only when the fitted preset is ahead and the interval of its margin excludes 0.</summary>
    public bool FittedWins => Verdict.Wins && Verdict.Best == Fitted.Name;

    private const string FittedPrefix = "Fitted(";

    /// <summary>Leave one id out, for each id in turn (needs ≥ 2 ids).</summary>
    public static IReadOnlyList<HeldOutComparison> LeaveOneIdOut(string machineType, IReadOnlyList<ExcessMapClips> clips, PresetFitOptions? options = null, BootstrapOptions? bootstrap = null) =>
        Evaluate(machineType, clips, Splits(clips.Select(c => c.MachineId).ToArray(), 1), options, bootstrap);

    /// <summary>Fit on two ids, score on the others, for every pair (needs ≥ 3 ids).</summary>
    public static IReadOnlyList<HeldOutComparison> FitOnTwo(string machineType, IReadOnlyList<ExcessMapClips> clips, PresetFitOptions? options = null, BootstrapOptions? bootstrap = null) =>
        Evaluate(machineType, clips, Splits(clips.Select(c => c.MachineId).ToArray(), clips.Count - 2), options, bootstrap);

    /// <summary>Leave one id out on maps without clips: scores only (no interval, so no win is claimed).</summary>
    public static IReadOnlyList<HeldOutComparison> LeaveOneIdOut(string machineType, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions? options = null)
    {
        if (maps.Count < 2) throw new ArgumentException($"leave-one-id-out needs at least two machine ids of {machineType}, found {maps.Count}");
        options ??= new PresetFitOptions();
        var grid = MaskPresetFitter.Grid(maps, options);
        var baseline = MaskStrategies.ComparisonProfiles(grid.MelBins, grid.Frames, extent: options.Extent);
        var folds = maps.Select(heldOut => (fit: maps.Where(m => m != heldOut).ToArray(), heldOut)).ToArray();
        var fitted = folds.Select(f => MaskPresetFitter.Fit(machineType, f.fit, options)).ToArray();
        var comparison = PresetComparison.WithoutBootstrap(machineType, [.. baseline, .. fitted.Select(f => MaskCoverage.Exact(f, options.Extent))], maps, options.Agreement);
        return folds.Select((f, k) => new HeldOutComparison(f.fit.Select(m => m.MachineId).ToArray(), [f.heldOut.MachineId], fitted[k], comparison, PartContributions(fitted[k], [f.heldOut], options))).ToArray();
    }

    /// <summary>
    /// Each split (fit ids → held-out ids): fit on the fit ids' maps, then compare every preset and the fitted one on the held-out
    /// ids' clips with a bootstrap over those clips.
    /// </summary>
    public static IReadOnlyList<HeldOutComparison> Evaluate(string machineType, IReadOnlyList<ExcessMapClips> clips, IEnumerable<(string[] Fit, string[] HeldOut)> splits, PresetFitOptions? options = null, BootstrapOptions? bootstrap = null)
    {
        if (clips.Count < 2) throw new ArgumentException($"held-out evaluation needs at least two machine ids of {machineType}, found {clips.Count}");
        options ??= new PresetFitOptions();
        var maps = clips.ToDictionary(c => c.MachineId, c => c.Map(options.Extent));
        var grid = MaskPresetFitter.Grid(maps.Values.ToArray(), options);
        var baseline = MaskStrategies.ComparisonProfiles(grid.MelBins, grid.Frames, extent: options.Extent);
        var folds = splits.ToArray();
        var fitted = folds.Select(split => MaskPresetFitter.Fit(machineType, split.Fit.Select(id => maps[id]).ToArray(), options with { MelBins = grid.MelBins, Frames = grid.Frames })).ToArray();
        // One comparison over every id and every fold's fitted preset: each id's clips are resampled once per replicate, and each fold
        // reads its own held-out ids and contenders from it.
        var comparison = PresetComparison.Run(machineType, [.. baseline, .. fitted.Select(f => MaskCoverage.Exact(f, options.Extent))], clips, bootstrap, options.Agreement, options.Extent);
        return folds.Select((split, k) => new HeldOutComparison(split.Fit, split.HeldOut, fitted[k], comparison,
            PartContributions(fitted[k], split.HeldOut.Select(id => maps[id]).ToArray(), options))).ToArray();
    }

    /// <summary>All splits of <paramref name="ids"/> into <paramref name="heldOut"/> held-out ids and the rest, in lexical order of the held-out set.</summary>
    public static IReadOnlyList<(string[] Fit, string[] HeldOut)> Splits(IReadOnlyList<string> ids, int heldOut)
    {
        if (heldOut < 1 || heldOut >= ids.Count) throw new ArgumentException($"cannot hold out {heldOut} of {ids.Count} ids and still fit on at least one");
        IEnumerable<int[]> Choose(int start, int k) => k == 0 ? [[]] : Enumerable.Range(start, ids.Count - start).SelectMany(i => Choose(i + 1, k - 1).Select(rest => rest.Prepend(i).ToArray()));
        return Choose(0, heldOut).Select(h => (ids.Where((_, i) => !h.Contains(i)).ToArray(), h.Select(i => ids[i]).ToArray())).ToArray();
    }

    /// <summary>Score of <paramref name="fitted"/> minus the score with one learned part made uniform, mean over <paramref name="maps"/>.</summary>
    public static IReadOnlyList<PartContribution> PartContributions(AudioBandSegmentOptions fitted, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions? options = null)
    {
        options ??= new PresetFitOptions();
        double Mean(AudioBandSegmentOptions preset)
        {
            var profile = MaskCoverage.Exact(preset, options.Extent);
            return maps.Average(m => MaskAgreement.Score(profile, m, options.Agreement).Score);
        }
        double full = Mean(fitted);
        return
        [
            new("position", fitted.BandCenterWeights is null ? 0 : full - Mean(fitted with { BandCenterWeights = null })),
            new("width", fitted.BandWidthWeights is null ? 0 : full - Mean(fitted with { BandWidthWeights = null })),
            new("run length", fitted.SegmentLengthWeights is null ? 0 : full - Mean(fitted with { SegmentLengthWeights = null })),
        ];
    }
}
