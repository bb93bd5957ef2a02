namespace AnomalyLab.Masks;

/// <summary>
/// From pictures to numbers: how well a mask preset's expected coverage matches where real anomalies sit. Score in [0, 1]:
/// S_mel = 1 − W₁(mask band profile, real mel profile) / (n_mels − 1), S_time likewise over frames, combined by
/// <see cref="AgreementOptions"/>. W₁ is the 1-D earth mover's distance between the profiles normalised to sum 1, so the score is
/// insensitive to overall intensity and measures only where mass sits (a shift of 10 % of the axis costs 0.1).
/// </summary>
public static class MaskAgreement
{
    /// <summary>
    /// Agreement of <paramref name="profile"/> with <paramref name="map"/>. Mel bins must match. When the map has fewer frames than
    /// the masks (313 real frames vs a 320-frame grid padded for the VQ-VAE) only the map's frames are compared.
    /// </summary>
    public static AgreementScore Score(CoverageProfile profile, LocalizationMap map, AgreementOptions? options = null)
    {
        options = (options ?? AgreementOptions.Default).Validate();
        if (profile.MelBins != map.MelBins)
            throw new ArgumentException($"mask preset {profile.Name} has {profile.MelBins} mel bins but the localisation map of {map.MachineId} has {map.MelBins}");
        if (map.Frames > profile.Frames)
            throw new ArgumentException($"localisation map of {map.MachineId} has {map.Frames} frames, more than the {profile.Frames} of mask preset {profile.Name}");
        double mel = ProfileDistance.Similarity(profile.MelProfile, map.MelProfile);
        double time = ProfileDistance.Similarity(profile.TimeProfile.AsSpan(0, map.Frames).ToArray(), map.TimeProfile);
        return new AgreementScore(profile.Name, map.MachineId, mel, time, Combine(mel, time, options));
    }

    /// <summary>Every (profile, map) pair, preset-major.</summary>
    public static IReadOnlyList<AgreementScore> Table(IEnumerable<CoverageProfile> profiles, IReadOnlyList<LocalizationMap> maps, AgreementOptions? options = null) =>
        profiles.SelectMany(p => maps.Select(m => Score(p, m, options))).ToArray();

    /// <summary>The weighted mean of the two similarities.</summary>
    public static double Combine(double mel, double time, AgreementOptions options) =>
        (options.MelWeight * mel + options.TimeWeight * time) / (options.MelWeight + options.TimeWeight);
}
