namespace AnomalyLab.Studies;

/// <summary>A finished study: the feature settings, one <see cref="MachineIdStudy"/> per id (type then id order), and notes.</summary>
/// <param name="Features">How the features were made.</param>
/// <param name="Ids">Per-id results.</param>
/// <param name="Notes">Things the user should know (ids skipped and why).</param>
public sealed record StudyResult(StudyFeatureSettings Features, IReadOnlyList<MachineIdStudy> Ids, IReadOnlyList<string> Notes);
