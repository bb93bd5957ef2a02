using AnomalyLab.Features;

namespace AnomalyLab.Studies;

/// <summary>How the clips of a study were turned into features; written beside every result.</summary>
/// <param name="Preset">Feature preset name, e.g. <c>torchaudio</c>.</param>
/// <param name="Standardisation">Standardisation applied: <c>none</c>, <c>global</c> or <c>per-mel</c>.</param>
/// <param name="LogMel">The full log-mel settings.</param>
/// <param name="Source">Data root, or <c>synthetic-default</c> for the embedded default.</param>
public sealed record StudyFeatureSettings(string Preset, string Standardisation, LogMelOptions LogMel, string Source);
