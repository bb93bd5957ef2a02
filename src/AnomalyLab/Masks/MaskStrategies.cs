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
        var options = AudioBandSegmentOptions.Resolve(nameOrFile);
        if (options.MelBins != melBins || options.Frames != frames)
            options = options.Name == "Current" ? AudioBandSegmentOptions.CurrentFor(melBins, frames) : options.WithGrid(melBins, frames);
        return new AudioBandSegmentMasks(options);
    }

    /// <summary>The coverage profile of a strategy: exact for band × segment presets, else estimated from <paramref name="estimateCount"/> masks.</summary>
    public static CoverageProfile Profile(IMaskStrategy strategy, int estimateCount = 2000, ulong seed = 0) =>
        strategy is AudioBandSegmentMasks bandSegments ? MaskCoverage.Exact(bandSegments.Options) : MaskCoverage.Estimate(strategy, estimateCount, seed);
}
