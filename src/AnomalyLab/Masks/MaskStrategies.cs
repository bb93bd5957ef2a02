namespace AnomalyLab.Masks;

/// <summary>Strategy lookup by the names the CLI and notebooks use.</summary>
public static class MaskStrategies
{
    /// <summary>Names accepted by <see cref="Resolve"/> besides a preset .json file.</summary>
    public static IReadOnlyList<string> Names { get; } = ["current", "proposed", "narrow-band-few-segments", "perlin", "perlin-axis-aligned"];

    /// <summary>
    /// A strategy by name: the band × segment seed presets (<c>current</c>, <c>proposed</c>, <c>narrow-band-few-segments</c>),
    /// DSR's Perlin masks (<c>perlin</c>, <c>perlin-axis-aligned</c>), or a band × segment preset file (<c>*.json</c>).
    /// </summary>
    public static IMaskStrategy Resolve(string nameOrFile, int melBins = 128, int frames = 320)
    {
        string key = nameOrFile.Trim().ToLowerInvariant();
        if (key is "perlin" or "dsr" or "perlin-dsr") return new PerlinMasks(PerlinMaskOptions.Dsr with { MelBins = melBins, Frames = frames });
        if (key is "perlin-axis-aligned") return new PerlinMasks(PerlinMaskOptions.AxisAlignedNonEmpty with { MelBins = melBins, Frames = frames });
        return new AudioBandSegmentMasks(AudioBandSegmentOptions.Resolve(nameOrFile).WithGrid(melBins, frames));
    }

    /// <summary>The coverage profile of a strategy: exact for band × segment presets, else estimated from <paramref name="estimateCount"/> masks.</summary>
    public static CoverageProfile Profile(IMaskStrategy strategy, int estimateCount = 2000, ulong seed = 0) =>
        strategy is AudioBandSegmentMasks bandSegments ? MaskCoverage.Exact(bandSegments.Options) : MaskCoverage.Estimate(strategy, estimateCount, seed);

    /// <summary>The presets every comparison includes, in this order: the three band × segment seed presets and DSR's Perlin masks.</summary>
    public static IReadOnlyList<string> ComparedNames { get; } = ["current", "proposed", "narrow-band-few-segments", "perlin"];

    /// <summary>Masks drawn to estimate the Perlin profile in a comparison (default 2000; pixel standard error ≤ 0.011).</summary>
    public const int PerlinProfileMasks = 2000;

    /// <summary>
    /// Coverage profiles of every compared preset (<see cref="ComparedNames"/>) on a <paramref name="melBins"/> × <paramref name="frames"/>
    /// grid, followed by <paramref name="extra"/> (fitted or user presets, moved to the same grid). Band × segment presets are exact;
    /// Perlin is estimated from <paramref name="perlinMasks"/> masks drawn with <paramref name="seed"/>.
    /// </summary>
    public static IReadOnlyList<CoverageProfile> ComparisonProfiles(int melBins, int frames, IEnumerable<AudioBandSegmentOptions>? extra = null, int perlinMasks = PerlinProfileMasks, ulong seed = 0, ExtentOptions? extent = null)
    {
        var profiles = ComparedNames.Select(n => Resolve(n, melBins, frames) switch
        {
            AudioBandSegmentMasks b => MaskCoverage.Exact(b.Options, extent),
            var strategy => MaskCoverage.Estimate(strategy, perlinMasks, seed),
        }).ToList();
        foreach (var preset in extra ?? [])
        {
            if (profiles.Any(p => p.Name == preset.Name)) throw new ArgumentException($"two compared presets are named '{preset.Name}'; give the preset JSON another name");
            profiles.Add(MaskCoverage.Exact(preset.WithGrid(melBins, frames), extent));
        }
        return profiles;
    }
}
