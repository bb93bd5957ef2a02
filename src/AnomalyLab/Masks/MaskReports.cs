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

    /// <summary>The agreement table: one row per (preset, machine id) with mel, time and combined scores.</summary>
    public static MetricsTable AgreementTable(IEnumerable<AgreementScore> scores, string title = "Mask–reality agreement (1 − normalised W₁; 1 = same profile)") =>
        new(title, ["preset", "machine id", "mel", "time", "score"],
            scores.Select(s => (IReadOnlyList<object?>)[s.Preset, s.MachineId, s.Mel, s.Time, s.Score]).ToArray());

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
        report.AddMarkdown("Score", "S_mel = 1 − W₁(mask band profile, real mel profile)/(n_mels − 1), S_time likewise over frames; score = their weighted mean " +
            "(weights 0.5/0.5 by default). Profiles are normalised to sum 1, so only where the mass sits counts.");
        report.AddTable("Agreement", AgreementTable(scores));
        report.AddFigure("Real excess maps", MaskGridChart.Create(maps.Select(m => new MaskPanel(m.MachineId, m.Values)).ToArray(), $"{machineType}: excess localisation (clipped at 0)", columns: 2, colorbarTitle: "dB"));
        foreach (var map in maps)
        {
            var mel = profiles.Select(p => LineSeries.Indexed(p.Name, Normalise(p.MelProfile))).Prepend(LineSeries.Indexed("real " + map.MachineId, map.MelProfile));
            report.AddFigure($"{map.MachineId}: band profiles", LineCharts.Lines(mel, $"{map.MachineId}: share of mass per mel bin", "mel bin", "share"));
            var time = profiles.Select(p => LineSeries.Indexed(p.Name, Normalise(p.TimeProfile.AsSpan(0, map.Frames).ToArray()))).Prepend(LineSeries.Indexed("real " + map.MachineId, map.TimeProfile));
            report.AddFigure($"{map.MachineId}: time profiles", LineCharts.Lines(time, $"{map.MachineId}: share of mass per frame", "frame", "share"));
        }
        return report;
    }

    private static double[] Normalise(double[] values)
    {
        double sum = values.Sum();
        return sum > 0 ? values.Select(v => v / sum).ToArray() : values;
    }
}
