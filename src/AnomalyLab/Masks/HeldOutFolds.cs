namespace AnomalyLab.Masks;

/// <summary>
/// The held-out folds a fitted preset is judged by, the same in <c>anomalylab masks fit</c> and notebook 02: leave one id
/// out (with ≥ 2 ids) and fit on two ids, score on the others (with ≥ <see cref="FitOnTwoMinIds"/> ids — with three ids
/// every fit-on-two fold is a leave-one-id-out fold, so they are not computed and shown twice).
/// </summary>
/// <param name="LeaveOneIdOut">One fold per id: fitted on the other ids, every preset scored on that id; empty with fewer than 2 ids.</param>
/// <param name="FitOnTwo">One fold per pair of ids: fitted on the pair, every preset scored on the rest; empty with fewer than <see cref="FitOnTwoMinIds"/> ids.</param>
public sealed record HeldOutFolds(IReadOnlyList<HeldOutComparison> LeaveOneIdOut, IReadOnlyList<HeldOutComparison> FitOnTwo)
{
    /// <summary>Fewest ids for the fit-on-two folds: 4.</summary>
    public const int FitOnTwoMinIds = 4;

    /// <summary>Runs both kinds of folds on <paramref name="clips"/> (one entry per machine id).</summary>
    /// <param name="machineType">Machine type, for the fitted presets' names.</param>
    /// <param name="clips">Real excess maps with their clips, one per id.</param>
    /// <param name="options">Fit options (default <see cref="PresetFitOptions"/>).</param>
    /// <param name="bootstrap">Resamples and seed of the margin intervals (default <see cref="BootstrapOptions"/>).</param>
    public static HeldOutFolds Run(string machineType, IReadOnlyList<ExcessMapClips> clips, PresetFitOptions? options = null, BootstrapOptions? bootstrap = null) => new(
        clips.Count >= 2 ? HeldOutComparison.LeaveOneIdOut(machineType, clips, options, bootstrap) : [],
        clips.Count >= FitOnTwoMinIds ? HeldOutComparison.FitOnTwo(machineType, clips, options, bootstrap) : []);

    /// <summary>
    /// The held-out sentences (verdicts and wins per fold kind, every one computed from the numbers): leave-one-id-out's,
    /// then fit-on-two's. With a whole-data comparison, <see cref="MaskRecommendation.Findings"/> adds the recommendation.
    /// </summary>
    public IReadOnlyList<string> Findings =>
        [.. MaskReports.HeldOutFindings(LeaveOneIdOut, MaskRecommendation.LeaveOneIdOutName), .. MaskReports.HeldOutFindings(FitOnTwo, MaskRecommendation.FitOnTwoName)];
}
