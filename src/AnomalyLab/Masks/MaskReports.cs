using System.Text.Json;
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
        string settings = strategy switch
        {
            AudioBandSegmentMasks b => b.Options.ToJson(),
            PerlinMasks p => JsonSerializer.Serialize(p.Options, new JsonSerializerOptions { WriteIndented = true }),
            _ => strategy.Name,
        };
        report.AddMarkdown("Settings", $"{count} masks, seed {seed}, shape [{count}, 1, {strategy.Height}, {strategy.Width}].\n\n```\n{settings}\n```");
        report.AddFigure($"Spectrogram size {strategy.Height} × {strategy.Width}", MaskGridChart.Create(Panels(masks, "mask"), "masks at spectrogram size (mel × frame)", columns: 3, colorbarTitle: "mask"));
        foreach (var (name, grid) in new[] { ("bottom", bottom), ("top", top) })
        {
            report.AddFigure($"{name} grid {grid}, nearest", MaskGridChart.Create(Panels(MaskResize.Nearest(masks, grid), "mask"), $"F.interpolate(nearest) to {grid}", columns: 3, colorbarTitle: "mask"));
            report.AddFigure($"{name} grid {grid}, max-pool", MaskGridChart.Create(Panels(MaskResize.MaxPoolToGrid(masks, grid), "mask"), $"max_pool2d (DSR) to {grid}", columns: 3, colorbarTitle: "mask"));
        }
        var profile = MaskStrategies.Profile(strategy);
        report.AddFigure("Band profile", LineCharts.Line(LineSeries.Indexed(strategy.Name, profile.MelProfile), "P(mel bin masked)", "mel bin", "coverage"));
        report.AddFigure("Time profile", LineCharts.Line(LineSeries.Indexed(strategy.Name, profile.TimeProfile), "P(frame masked)", "frame", "coverage"));
        return report;
    }

    /// <summary>The agreement table: one row per (preset, machine id) with the four component similarities and the combined score.</summary>
    public static MetricsTable AgreementTable(IEnumerable<AgreementScore> scores, string title = "Mask–reality agreement (1 − normalised W₁; 1 = same distribution)") =>
        new(title, ["preset", "machine id", "mel", "time", "run length", "band width", "score"],
            scores.Select(s => (IReadOnlyList<object?>)[s.Preset, s.MachineId, s.Mel, s.Time, s.RunLength, s.BandWidth, s.Score]).ToArray());

    /// <summary>Per preset, the mean of each component and of the score over the machine ids.</summary>
    public static MetricsTable MeanAgreementTable(IEnumerable<AgreementScore> scores, string title = "Mean agreement over machine ids") =>
        new(title, ["preset", "ids", "mel", "time", "run length", "band width", "score"],
            scores.GroupBy(s => s.Preset).Select(g => (IReadOnlyList<object?>)[g.Key, g.Count(), g.Average(s => s.Mel), g.Average(s => s.Time),
                g.Average(s => s.RunLength), g.Average(s => s.BandWidth), g.Average(s => s.Score)]).ToArray());

    /// <summary>Mean run length (frames) and mean band width (mel bins) of a random anomalous cell: real ids first, then the presets.</summary>
    public static MetricsTable ExtentTable(IReadOnlyList<AnomalyExcessMap> maps, IEnumerable<CoverageProfile> profiles) =>
        new("Extent (cell-weighted means)", ["source", "mean run length (frames)", "mean band width (mel bins)"],
            maps.Select(m => (IReadOnlyList<object?>)["real " + m.MachineId, m.Extent.MeanRunLength, m.Extent.MeanBandWidth])
                .Concat(profiles.Where(p => p.Extent is not null).Select(p => (IReadOnlyList<object?>)[p.Name, p.Extent!.MeanRunLength, p.Extent.MeanBandWidth]))
                .ToArray());

    /// <summary>The leave-one-id-out table: per held-out id, the fitted preset's score and each seed preset's.</summary>
    public static MetricsTable HeldOutTable(IReadOnlyList<HeldOutComparison> folds)
    {
        var seedNames = folds.Count == 0 ? [] : folds[0].SeedScores.Select(s => s.Preset).ToArray();
        var rows = folds.Select(f => (IReadOnlyList<object?>)[f.HeldOutId, f.FittedScore.Score, .. f.SeedScores.Select(s => (object?)s.Score), f.FittedWins ? "yes" : "no"]).ToList();
        if (folds.Count > 0)
            rows.Add(["mean", folds.Average(f => f.FittedScore.Score), .. seedNames.Select((_, i) => (object?)folds.Average(f => f.SeedScores[i].Score)), ""]);
        return new MetricsTable("Leave-one-id-out: fitted preset vs seed presets on the held-out id", ["held-out id", "fitted", .. seedNames, "fitted wins"], rows);
    }

    /// <summary>
    /// The <c>masks score</c> report: the agreement table, and per id the real mel/time profiles against each preset's.
    /// </summary>
    public static HtmlReport Agreement(string machineType, IReadOnlyList<CoverageProfile> profiles, IReadOnlyList<AnomalyExcessMap> maps, AgreementOptions? options = null)
    {
        var scores = MaskAgreement.Table(profiles, maps, options);
        var report = new HtmlReport($"Mask–reality agreement: {machineType}");
        report.AddMarkdown("Score", "Four similarities 1 − W₁/(n − 1) between normalised distributions: S_mel (band profile over mel bins), S_time " +
            "(time profile over frames), S_run (cell-weighted time-run lengths) and S_width (cell-weighted band widths); score = their weighted mean " +
            "(equal weights by default, fixed in advance). Position and extent count, not intensity.");
        report.AddTable("Agreement", AgreementTable(scores));
        report.AddTable("Mean over ids", MeanAgreementTable(scores));
        report.AddFigure("Real excess maps", MaskGridChart.Create(maps.Select(m => new MaskPanel(m.MachineId, m.Values)).ToArray(), $"{machineType}: excess localisation (clipped at 0)", columns: 2, colorbarTitle: "dB"));
        foreach (var map in maps)
        {
            var mel = profiles.Select(p => LineSeries.Indexed(p.Name, Normalise(p.MelProfile))).Prepend(LineSeries.Indexed("real " + map.MachineId, map.MelProfile));
            report.AddFigure($"{map.MachineId}: band profiles", LineCharts.Lines(mel, $"{map.MachineId}: share of mass per mel bin", "mel bin", "share"));
            var time = profiles.Select(p => LineSeries.Indexed(p.Name, Normalise(p.TimeProfile.AsSpan(0, map.Frames).ToArray()))).Prepend(LineSeries.Indexed("real " + map.MachineId, map.TimeProfile));
            report.AddFigure($"{map.MachineId}: time profiles", LineCharts.Lines(time, $"{map.MachineId}: share of mass per frame", "frame", "share"));
            var runs = profiles.Where(p => p.Extent is not null).Select(p => LineSeries.Indexed(p.Name, p.Extent!.RunLengths)).Prepend(LineSeries.Indexed("real " + map.MachineId, map.Extent.RunLengths));
            report.AddFigure($"{map.MachineId}: run lengths", LineCharts.Lines(runs, $"{map.MachineId}: share of anomalous cells per time-run length (index = length − 1)", "run length − 1 (frames)", "share"));
            var widths = profiles.Where(p => p.Extent is not null).Select(p => LineSeries.Indexed(p.Name, p.Extent!.BandWidths)).Prepend(LineSeries.Indexed("real " + map.MachineId, map.Extent.BandWidths));
            report.AddFigure($"{map.MachineId}: band widths", LineCharts.Lines(widths, $"{map.MachineId}: share of anomalous cells per band width (index = width − 1)", "band width − 1 (mel bins)", "share"));
        }
        return report;
    }

    private static double[] Normalise(double[] values)
    {
        double sum = values.Sum();
        return sum > 0 ? values.Select(v => v / sum).ToArray() : values;
    }
}
