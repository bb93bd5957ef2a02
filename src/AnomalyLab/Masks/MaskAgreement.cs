namespace AnomalyLab.Masks;

/// <summary>
/// From pictures to numbers: how well a mask preset matches where real anomalies sit and how large they are. Four similarities in
/// [0, 1], each 1 − W₁ / (n − 1) between distributions normalised to sum 1:
/// S_mel between the mask band profile and the real mel profile (n = n_mels); S_time between the time profiles (n = frames);
/// S_run between the cell-weighted time-run length distributions (n = frames); S_width between the cell-weighted band-width
/// distributions (n = n_mels). W₁ is the 1-D earth mover's distance, so a shift of 10 % of the axis costs 0.1, whatever the intensity.
/// The score is their weighted mean (<see cref="AgreementOptions"/>; equal weights by default).
/// </summary>
public static class MaskAgreement
{
    /// <summary>
    /// Agreement of <paramref name="profile"/> with <paramref name="map"/>. Mel bins must match. When the map has fewer frames than
    /// the masks (313 real frames vs a 320-frame grid padded for the VQ-VAE) only the map's frames are compared for the time profile;
    /// the run-length distributions are compared over the longer axis.
    /// </summary>
    public static AgreementScore Score(CoverageProfile profile, AnomalyExcessMap map, AgreementOptions? options = null)
    {
        options = (options ?? AgreementOptions.Default).Validate();
        if (profile.MelBins != map.MelBins)
            throw new ArgumentException($"mask preset {profile.Name} has {profile.MelBins} mel bins but the localisation map of {map.MachineId} has {map.MelBins}");
        if (map.Frames > profile.Frames)
            throw new ArgumentException($"localisation map of {map.MachineId} has {map.Frames} frames, more than the {profile.Frames} of mask preset {profile.Name}");
        double mel = ProfileDistance.Similarity(profile.MelProfile, map.MelProfile);
        double time = ProfileDistance.Similarity(profile.TimeProfile.AsSpan(0, map.Frames).ToArray(), map.TimeProfile);
        double run = double.NaN, width = double.NaN;
        if (profile.Extent is { } extent)
        {
            run = MaskExtent.Similarity(extent.RunLengths, map.Extent.RunLengths);
            width = MaskExtent.Similarity(extent.BandWidths, map.Extent.BandWidths);
        }
        else if (options.UsesExtent)
            throw new ArgumentException($"mask preset {profile.Name} has no measured extent, but the agreement weights use run length / band width");
        return new AgreementScore(profile.Name, map.MachineId, mel, time, run, width, options.Combine(mel, time, run, width));
    }

    /// <summary>Every (profile, map) pair, preset-major.</summary>
    public static IReadOnlyList<AgreementScore> Table(IEnumerable<CoverageProfile> profiles, IReadOnlyList<AnomalyExcessMap> maps, AgreementOptions? options = null) =>
        profiles.SelectMany(p => maps.Select(m => Score(p, m, options))).ToArray();
}
