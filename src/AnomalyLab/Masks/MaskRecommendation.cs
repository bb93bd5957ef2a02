namespace AnomalyLab.Masks;

/// <summary>
/// Which mask preset to train stage 2 with, and why: the sentences of <see cref="MaskReports.Findings"/> over the
/// leave-one-id-out folds (verdicts, held-out wins, the recommendation) followed by those of the fit-on-two folds.
/// </summary>
public static class MaskRecommendation
{
    /// <summary>Name of the leave-one-id-out folds in the sentences.</summary>
    public const string LeaveOneIdOutName = "leave-one-id-out";

    /// <summary>Name of the fit-on-two folds in the sentences.</summary>
    public const string FitOnTwoName = "fit-on-two";

    /// <summary>
    /// The findings of <paramref name="comparison"/> with <paramref name="leaveOneIdOut"/> (ending with the
    /// <c>Recommendation: …</c> sentence when there are folds), then the held-out findings of <paramref name="fitOnTwo"/>
    /// (none when empty). Every sentence is computed from the numbers.
    /// </summary>
    public static IReadOnlyList<string> Findings(PresetComparison comparison, IReadOnlyList<HeldOutComparison> leaveOneIdOut, IReadOnlyList<HeldOutComparison> fitOnTwo) =>
        [.. MaskReports.Findings(comparison, leaveOneIdOut, LeaveOneIdOutName), .. MaskReports.HeldOutFindings(fitOnTwo, FitOnTwoName)];
}
