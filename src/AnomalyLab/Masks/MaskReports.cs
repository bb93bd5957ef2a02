using System.Globalization;
using AnomalyLab.Plots;

namespace AnomalyLab.Masks;

/// <summary>Figures and offline HTML reports for masks: grids at spectrogram and latent size, coverage profiles, agreement tables.</summary>
public static class MaskReports
{
    /// <summary>Panels of a batch, titled <c>prefix b</c>.</summary>
    public static IReadOnlyList<MaskPanel> Panels(MaskBatch masks, string prefix) =>
        Enumerable.Range(0, masks.Batch).Select(b => new MaskPanel($"{prefix} {b} ({masks.Coverage(b):P0})", masks.Mask(b))).ToArray();

    /// <summary>
    /// The <c>masks show</c> report: <paramref name="count"/> masks of <paramref name="strategy"/> from <paramref name="seed"/> at spectrogram size,
    /// on the bottom and top latent grids (nearest, as the seed resizes, and max-pool, as DSR does), and the strategy's coverage profiles.
    /// </summary>
    public static HtmlReport Show(IMaskStrategy strategy, int count, ulong seed)
    {
        var masks = strategy.Generate(count, seed);
        var bottom = LatentGrid.Bottom(strategy.Height, strategy.Width);
        var top = LatentGrid.Top(strategy.Height, strategy.Width);
        var report = new HtmlReport($"Masks: {strategy.Name}");
        report.AddMarkdown("Settings", $"{count} masks, seed {seed}, shape [{count}, 1, {strategy.Height}, {strategy.Width}].");
        report.AddTable("Preset", strategy switch
        {
            AudioBandSegmentMasks b => PresetTable(b.Options),
            PerlinMasks p => PerlinTable(p.Options),
            _ => new TableFigure("Preset", ["field", "value"], [["name", strategy.Name]]),
        });
        if (strategy is AudioBandSegmentMasks { Options: var fitted } && (fitted.BandCenterWeights ?? fitted.BandWidthWeights ?? fitted.SegmentLengthWeights) is not null)
            foreach (var figure in PresetDistributionFigures(fitted)) report.AddFigure(null, figure);
        report.AddFigure($"Spectrogram size {strategy.Height} × {strategy.Width}", MaskComparisonCharts.Categorical(Panels(masks, "mask"), "masks at spectrogram size (mel × frame)", BinaryCategories, columns: 3));
        foreach (var (name, grid) in new[] { ("bottom", bottom), ("top", top) })
        {
            report.AddFigure($"{name} grid {grid}, nearest", MaskComparisonCharts.Categorical(Panels(MaskResize.Nearest(masks, grid), "mask"), $"F.interpolate(nearest) to {grid}", BinaryCategories, columns: 3));
            report.AddFigure($"{name} grid {grid}, max-pool", MaskComparisonCharts.Categorical(Panels(MaskResize.MaxPoolToGrid(masks, grid), "mask"), $"max_pool2d (DSR) to {grid}", BinaryCategories, columns: 3));
        }
        var profile = MaskStrategies.Profile(strategy);
        report.AddFigure("Band profile", LineCharts.Line(LineSeries.Indexed(strategy.Name, profile.MelProfile), "P(mel bin masked)", "mel bin", "coverage"));
        report.AddFigure("Time profile", LineCharts.Line(LineSeries.Indexed(strategy.Name, profile.TimeProfile), "P(frame masked)", "frame", "coverage"));
        return report;
    }

    /// <summary>The agreement table: one row per (preset, machine id) with the four component similarities and the combined score.</summary>
    public static TableFigure AgreementTable(IEnumerable<AgreementScore> scores, string title = "Mask–reality agreement (1 − normalised W₁; 1 = same distribution)") =>
        new(title, ["preset", "machine id", "mel", "time", "run length", "band width", "score"],
            scores.Select(s => (IReadOnlyList<object?>)[s.Preset, s.MachineId, s.Mel, s.Time, s.RunLength, s.BandWidth, s.Score]).ToArray());

    /// <summary>Per preset, the mean of each component and of the score over the machine ids.</summary>
    public static TableFigure MeanAgreementTable(IEnumerable<AgreementScore> scores, string title = "Mean agreement over machine ids") =>
        new(title, ["preset", "ids", "mel", "time", "run length", "band width", "score"],
            scores.GroupBy(s => s.Preset).Select(g => (IReadOnlyList<object?>)[g.Key, g.Count(), g.Average(s => s.Mel), g.Average(s => s.Time),
                g.Average(s => s.RunLength), g.Average(s => s.BandWidth), g.Average(s => s.Score)]).ToArray());

    /// <summary>Mean run length (frames) and mean band width (mel bins) of a random anomalous cell: real ids first, then the presets.</summary>
    public static TableFigure ExtentTable(IReadOnlyList<AnomalyExcessMap> maps, IEnumerable<CoverageProfile> profiles) =>
        new("Extent (cell-weighted means)", ["source", "mean run length (frames)", "mean band width (mel bins)"],
            maps.Select(m => (IReadOnlyList<object?>)["real " + m.MachineId, m.Extent.MeanRunLength, m.Extent.MeanBandWidth])
                .Concat(profiles.Where(p => p.Extent is not null).Select(p => (IReadOnlyList<object?>)[p.Name, p.Extent!.MeanRunLength, p.Extent.MeanBandWidth]))
                .ToArray());

    /// <summary>Legend of a binary mask: 0 = kept, 1 = masked (replaced by the anomaly generator).</summary>
    public static IReadOnlyList<string> BinaryCategories { get; } = ["kept (0)", "masked (1)"];

    /// <summary>
    /// The held-out table: per fold, the fit ids, the held-out ids, every compared preset's mean score on the held-out ids, the fitted
    /// preset's, its margin over the best other preset with the bootstrap interval, and the outcome ("fitted wins" only where the
    /// interval excludes 0). The last row holds the means over folds and how many folds the fitted preset won.
    /// </summary>
    public static TableFigure HeldOutTable(IReadOnlyList<HeldOutComparison> folds, string title = "Held-out ids: fitted preset vs every other preset (mean agreement on the held-out ids)")
    {
        if (folds.Count == 0) return new TableFigure(title, ["fit ids", "held-out ids"], []);
        var others = folds[0].Others;
        var rows = folds.Select(f => (IReadOnlyList<object?>)[string.Join(", ", f.FitIds), string.Join(", ", f.HeldOutIds),
            .. others.Select(n => (object?)f.Score(n)),
            f.FittedScore, f.BestOther, f.Margin, f.Verdict.Replicates > 0 ? Interval(f) : "n/a", f.FittedWins ? "fitted wins" : f.Margin > 0 ? "fitted ahead, interval includes 0" : $"{f.BestOther} ahead"]).ToList();
        rows.Add(["mean", $"{folds.Count} folds", .. others.Select(n => (object?)folds.Average(f => f.Score(n))),
            folds.Average(f => f.FittedScore), "", folds.Average(f => f.Margin), "", $"fitted wins {folds.Count(f => f.FittedWins)} of {folds.Count}"]);
        return new TableFigure(title, ["fit ids", "held-out ids", .. others, "fitted", "best other", "margin", "interval", "outcome"], rows);

        static string Interval(HeldOutComparison f)
        {
            var v = f.Verdict;
            // The verdict's interval is for (leader − other); shown here as (fitted − best other).
            var (low, high) = v.Best == f.Fitted.Name ? (v.Low, v.High) : (-v.High, -v.Low);
            return string.Create(CultureInfo.InvariantCulture, $"[{low:F4}, {high:F4}]");
        }
    }

    /// <summary>How much each learned part of the fitted preset adds on the held-out ids (per fold and mean).</summary>
    public static TableFigure ContributionTable(IReadOnlyList<HeldOutComparison> folds)
    {
        string[] parts = folds.Count == 0 ? [] : folds[0].Contributions.Select(c => c.Part).ToArray();
        var rows = folds.Select(f => (IReadOnlyList<object?>)[string.Join(", ", f.HeldOutIds), .. f.Contributions.Select(c => (object?)c.Delta)]).ToList();
        if (folds.Count > 0) rows.Add(["mean", .. parts.Select((_, i) => (object?)folds.Average(f => f.Contributions[i].Delta))]);
        return new TableFigure("Contribution of each learned part on the held-out ids: score(fitted) − score(fitted with that part uniform)", ["held-out ids", .. parts], rows);
    }

    /// <summary>Per id and over ids: best preset, runner-up, margin, bootstrap interval and outcome.</summary>
    public static TableFigure VerdictTable(PresetComparison comparison) =>
        new($"Verdict per machine id ({comparison.Replicates} clip resamples, seed {comparison.Bootstrap.Seed}; \"wins\" only where the {comparison.Bootstrap.Confidence:P0} interval excludes 0)",
            ["scope", "best", "score", "runner-up", "score ", "margin", "interval low", "interval high", "outcome"],
            comparison.Verdicts().Select(v => (IReadOnlyList<object?>)[v.Scope, v.Best, v.BestScore, v.RunnerUp, v.RunnerUpScore, v.Margin, v.Low, v.High, v.Outcome]).ToArray());

    /// <summary>
    /// Sentences about the results, each computed from them: the verdict per id and over ids, and (with held-out folds) how often and
    /// by how much the fitted preset beat every other preset on ids it never saw.
    /// </summary>
    public static IReadOnlyList<string> Findings(PresetComparison comparison, IReadOnlyList<HeldOutComparison>? folds = null, string foldsName = "held-out")
    {
        var lines = comparison.Verdicts().Select(v => v.Statement).ToList();
        if (folds is not { Count: > 0 }) return lines;
        lines.AddRange(HeldOutFindings(folds, foldsName));
        var overall = comparison.Verdict();
        int wins = folds.Count(f => f.FittedWins);
        lines.Add(wins * 2 > folds.Count
            ? $"Recommendation: train stage 2 with a preset fitted on all ids — on ids it had not seen it beat every other preset, with an interval excluding 0, on {wins} of {folds.Count} {foldsName} folds."
            : $"Recommendation: {overall.Best} ({(overall.Wins ? "best on all ids, interval excludes 0" : "highest on all ids, but not clearly")}); the fitted preset beat every other preset with an interval excluding 0 on only {wins} of {folds.Count} {foldsName} folds.");
        return lines;
    }

    /// <summary>Sentences about held-out folds, computed from them: how often and by how much the fitted preset beat every other preset.</summary>
    public static IReadOnlyList<string> HeldOutFindings(IReadOnlyList<HeldOutComparison> folds, string foldsName = "held-out")
    {
        if (folds.Count == 0) return [];
        int wins = folds.Count(f => f.FittedWins), ahead = folds.Count(f => f.Margin > 0);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{foldsName}: the fitted preset is ahead of every other preset (Perlin included) on {ahead} of {folds.Count} folds and wins (interval excludes 0) on {wins}; mean margin over the best other preset {folds.Average(f => f.Margin):+0.0000;-0.0000}."),
        };
        foreach (var f in folds.Where(f => f.Margin <= 0))
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{foldsName}: fitted on {string.Join(", ", f.FitIds)}, it trails {f.BestOther} on {string.Join(", ", f.HeldOutIds)} by {-f.Margin:F4}."));
        return lines;
    }

    /// <summary>A band × segment preset as a readable table: each field with its value in bins/frames and what it means.</summary>
    public static TableFigure PresetTable(AudioBandSegmentOptions p)
    {
        string Summary(double[]? weights, int first, string unit, string uniform)
        {
            if (weights is null) return uniform;
            double sum = weights.Sum();
            double mean = weights.Select((w, i) => w * (first + i)).Sum() / sum;
            int mode = first + Array.IndexOf(weights, weights.Max());
            return string.Create(CultureInfo.InvariantCulture, $"fitted: mean {mean:0.#} {unit}, most likely {mode} {unit}");
        }
        return new TableFigure($"Preset {p.Name}", ["field", "value", "meaning"],
        [
            ["grid", $"{p.MelBins} × {p.Frames}", "mel bins × frames of each mask"],
            ["band width", string.Create(CultureInfo.InvariantCulture, $"{p.BandWidthMin}–{p.BandWidthMax} bins ({p.BandFractionMin:P1}–{p.BandFractionMax:P1})"), "one mel band per mask"],
            ["band-width distribution", Summary(p.BandWidthWeights, p.BandWidthMin, "bins", "uniform over the range"), "how wide"],
            ["band position", Summary(p.BandCenterWeights, 0, "(centre mel bin)", "uniform over the mel axis"), "where in mel"],
            ["segments per mask", $"{p.SegmentCountMin}–{p.SegmentCountMax}", "time segments (may overlap)"],
            ["segment length", $"{p.SegmentLengthMin}–{p.SegmentLengthMax} frames", "each segment"],
            ["segment-length distribution", Summary(p.SegmentLengthWeights, p.SegmentLengthMin, "frames", "uniform over the range"), "how long"],
            ["empty masks", p.EmptyProbability.ToString("P0", CultureInfo.InvariantCulture), "share of masks with nothing masked"],
        ]);
    }

    /// <summary>DSR Perlin settings as a readable table.</summary>
    public static TableFigure PerlinTable(PerlinMaskOptions p) => new($"Preset {p.Name}", ["field", "value", "meaning"],
    [
        ["grid", $"{p.MelBins} × {p.Frames}", "mel bins × frames of each mask"],
        ["lattice scales", $"2^{p.ScaleExponentMin}–2^{p.ScaleExponentMax} cells per axis", "blob size (independent per axis)"],
        ["threshold", p.Threshold.ToString(CultureInfo.InvariantCulture), "noise above it is masked"],
        ["rotation", $"±{p.RotationDegrees.ToString(CultureInfo.InvariantCulture)}°", "random rotation of the noise"],
        ["empty masks", p.EmptyProbability.ToString("P0", CultureInfo.InvariantCulture), "share of masks with nothing masked"],
    ]);

    /// <summary>The learned distributions of a fitted preset as line charts: band centre over mel bins, band width, segment length.</summary>
    public static IReadOnlyList<Plotly.NET.GenericChart> PresetDistributionFigures(AudioBandSegmentOptions p)
    {
        var figures = new List<Plotly.NET.GenericChart>();
        if (p.BandCenterWeights is { } c) figures.Add(LineCharts.Line(LineSeries.Indexed("band centre", Normalise(c)), $"{p.Name}: where in mel (band-centre probability)", "mel bin", "probability"));
        if (p.BandWidthWeights is { } w) figures.Add(LineCharts.Line(new LineSeries("band width", Enumerable.Range(p.BandWidthMin, w.Length).Select(i => (double)i).ToArray(), Normalise(w)), $"{p.Name}: how wide (band-width probability)", "band width (mel bins)", "probability"));
        if (p.SegmentLengthWeights is { } l) figures.Add(LineCharts.Line(new LineSeries("segment length", Enumerable.Range(p.SegmentLengthMin, l.Length).Select(i => (double)i).ToArray(), Normalise(l)), $"{p.Name}: how long (segment-length probability)", "segment length (frames)", "probability"));
        return figures;
    }

    /// <summary>Per id, each preset's score split into its four weighted parts (stacking to the score).</summary>
    public static Plotly.NET.GenericChart AgreementChart(string machineType, IEnumerable<AgreementScore> scores, AgreementOptions? options = null)
    {
        options ??= AgreementOptions.Default;
        double total = options.MelWeight + options.TimeWeight + options.RunLengthWeight + options.BandWidthWeight;
        static double Safe(double v) => double.IsNaN(v) ? 0 : v;
        var bars = scores.Select(s => new AgreementBar(s.Preset, s.MachineId,
        [
            ("mel (where)", options.MelWeight * Safe(s.Mel) / total), ("time (when)", options.TimeWeight * Safe(s.Time) / total),
            ("run length (how long)", options.RunLengthWeight * Safe(s.RunLength) / total), ("band width (how wide)", options.BandWidthWeight * Safe(s.BandWidth) / total),
        ])).ToArray();
        return MaskComparisonCharts.AgreementBars(bars, $"{machineType}: agreement per preset and machine id, split into its four parts");
    }

    /// <summary>The real excess map of <paramref name="map"/> beside each preset's coverage, every panel on its own colour scale.</summary>
    public static Plotly.NET.GenericChart SideBySide(AnomalyExcessMap map, IEnumerable<CoverageProfile> profiles, int columns = 3) =>
        MaskComparisonCharts.OwnScalePanels(
            [new ScaledPanel($"real {map.MachineId} excess", map.Values, "dB"), .. profiles.Select(p => new ScaledPanel($"{p.Name} coverage", ToFloat(p.PixelCoverage, map.Frames), "P(masked)"))],
            $"real excess ({map.MachineId}) beside each preset's expected coverage — every panel on its own scale", columns);

    /// <summary>Mel profile of <paramref name="map"/> in black over each preset's band profile (shares of mass per mel bin).</summary>
    public static Plotly.NET.GenericChart MelProfiles(AnomalyExcessMap map, IEnumerable<CoverageProfile> profiles) =>
        MaskComparisonCharts.ProfilesOverReal(LineSeries.Indexed("real " + map.MachineId, map.MelProfile), profiles.Select(p => LineSeries.Indexed(p.Name, Normalise(p.MelProfile))),
            $"{map.MachineId}: share of mass per mel bin (real in black)", "mel bin", "share");

    /// <summary>Time profile of <paramref name="map"/> in black over each preset's (over the map's frames).</summary>
    public static Plotly.NET.GenericChart TimeProfiles(AnomalyExcessMap map, IEnumerable<CoverageProfile> profiles) =>
        MaskComparisonCharts.ProfilesOverReal(LineSeries.Indexed("real " + map.MachineId, map.TimeProfile), profiles.Select(p => LineSeries.Indexed(p.Name, Normalise(p.TimeProfile.AsSpan(0, map.Frames).ToArray()))),
            $"{map.MachineId}: share of mass per frame (real in black)", "frame", "share");

    private static float[,] ToFloat(double[,] values, int frames)
    {
        int h = values.GetLength(0), w = Math.Min(frames, values.GetLength(1));
        var result = new float[h, w];
        for (int m = 0; m < h; m++)
            for (int t = 0; t < w; t++) result[m, t] = (float)values[m, t];
        return result;
    }

    /// <summary>
    /// The <c>masks score</c> report: verdict per id with bootstrap intervals, the result sentences, the agreement tables, the
    /// stacked agreement chart, and per id the real excess beside each preset's coverage and the real profiles (black) over the presets'.
    /// </summary>
    public static HtmlReport Agreement(PresetComparison comparison, IReadOnlyList<HeldOutComparison>? folds = null, AgreementOptions? options = null)
    {
        var report = new HtmlReport($"Mask–reality agreement: {comparison.MachineType}");
        report.AddMarkdown("Score", "Four similarities 1 − W₁/(n − 1) between normalised distributions: S_mel (band profile over mel bins), S_time " +
            "(time profile over frames), S_run (cell-weighted time-run lengths) and S_width (cell-weighted band widths); score = their weighted mean " +
            "(equal weights by default, fixed in advance). Position and extent count, not intensity. A preset \"wins\" only where the bootstrap " +
            "interval of its margin over the runner-up (clips drawn with replacement) excludes 0.");
        report.AddMarkdown("Findings", string.Join("\n", Findings(comparison, folds).Select(l => "- " + l)));
        report.AddTable("Verdict", VerdictTable(comparison));
        report.AddFigure("Agreement by part", AgreementChart(comparison.MachineType, comparison.Scores, options));
        report.AddTable("Agreement", AgreementTable(comparison.Scores));
        report.AddTable("Mean over ids", MeanAgreementTable(comparison.Scores));
        if (folds is { Count: > 0 })
        {
            report.AddTable("Held-out ids", HeldOutTable(folds));
            report.AddTable("Contributions", ContributionTable(folds));
        }
        foreach (var map in comparison.Maps)
        {
            report.AddFigure($"{map.MachineId}: real vs coverage", SideBySide(map, comparison.Profiles));
            report.AddFigure($"{map.MachineId}: band profiles", MelProfiles(map, comparison.Profiles));
            report.AddFigure($"{map.MachineId}: time profiles", TimeProfiles(map, comparison.Profiles));
            var runs = comparison.Profiles.Where(p => p.Extent is not null).Select(p => LineSeries.Indexed(p.Name, p.Extent!.RunLengths));
            report.AddFigure($"{map.MachineId}: run lengths", MaskComparisonCharts.ProfilesOverReal(LineSeries.Indexed("real " + map.MachineId, map.Extent.RunLengths), runs, $"{map.MachineId}: share of anomalous cells per time-run length (index = length − 1; real in black)", "run length − 1 (frames)", "share"));
            var widths = comparison.Profiles.Where(p => p.Extent is not null).Select(p => LineSeries.Indexed(p.Name, p.Extent!.BandWidths));
            report.AddFigure($"{map.MachineId}: band widths", MaskComparisonCharts.ProfilesOverReal(LineSeries.Indexed("real " + map.MachineId, map.Extent.BandWidths), widths, $"{map.MachineId}: share of anomalous cells per band width (index = width − 1; real in black)", "band width − 1 (mel bins)", "share"));
        }
        return report;
    }

    private static double[] Normalise(double[] values)
    {
        double sum = values.Sum();
        return sum > 0 ? values.Select(v => v / sum).ToArray() : values;
    }
}
