namespace AnomalyLab.Masks;

/// <summary>
/// One fold of leave-one-id-out evaluation: the preset fitted without <see cref="HeldOutId"/>, its agreement with that id, and the
/// seed presets' agreement with the same id.
/// </summary>
public sealed record HeldOutComparison(string HeldOutId, AudioBandSegmentOptions Fitted, AgreementScore FittedScore, IReadOnlyList<AgreementScore> SeedScores)
{
    /// <summary>True when the fitted preset scores above every seed preset on the held-out id.</summary>
    public bool FittedWins => SeedScores.All(s => FittedScore.Score > s.Score);

    /// <summary>
    /// Fits on all ids but one, for each id in turn, and scores the fitted and the seed presets (exact profiles, <see cref="PresetFitOptions.Agreement"/>)
    /// on the held-out id; the held-out id is never seen by the fit (nor by its inner leave-one-id-out).
    /// Needs at least two maps.
    /// </summary>
    public static IReadOnlyList<HeldOutComparison> LeaveOneIdOut(string machineType, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions? options = null)
    {
        if (maps.Count < 2) throw new ArgumentException($"leave-one-id-out needs at least two machine ids of {machineType}, found {maps.Count}");
        options ??= new PresetFitOptions();
        var seeds = AudioBandSegmentOptions.SeedPresets.Select(p => MaskCoverage.Exact(p.WithGrid(options.MelBins, options.Frames) with { Name = p.Name }, options.Extent)).ToArray();
        return maps.Select(heldOut =>
        {
            var fitted = MaskPresetFitter.Fit(machineType, maps.Where(m => m != heldOut).ToArray(), options);
            var fittedScore = MaskAgreement.Score(MaskCoverage.Exact(fitted, options.Extent), heldOut, options.Agreement);
            var seedScores = seeds.Select(s => MaskAgreement.Score(s, heldOut, options.Agreement)).ToArray();
            return new HeldOutComparison(heldOut.MachineId, fitted, fittedScore, seedScores);
        }).ToArray();
    }
}
