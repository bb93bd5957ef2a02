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
    /// The findings of <paramref name="comparison"/> with the leave-one-id-out folds of <paramref name="heldOut"/> (ending
    /// with the <c>Recommendation: …</c> sentence when there are folds), then the held-out findings of its fit-on-two folds
    /// (none when empty). Every sentence is computed from the numbers.
    /// </summary>
    public static IReadOnlyList<string> Findings(PresetComparison comparison, HeldOutFolds heldOut) =>
        [.. MaskReports.Findings(comparison, heldOut.LeaveOneIdOut, LeaveOneIdOutName), .. MaskReports.HeldOutFindings(heldOut.FitOnTwo, FitOnTwoName)];
}
