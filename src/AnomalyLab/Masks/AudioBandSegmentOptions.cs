using System.Text.Json;
using System.Text.Json.Serialization;
using AnomalyLab.IO;

namespace AnomalyLab.Masks;

/// <summary>
/// Settings of <see cref="AudioBandSegmentMasks"/> (the seed's <c>AudioSpecificStrategy</c>): each mask is exactly one mel band
/// (rows) crossed with the union of a few time segments (columns). Immutable; serialises to/from JSON (snake_case keys), so a
/// fitted preset is a JSON file the strategy accepts.
/// </summary>
/// <remarks>
/// Sampling, per mask: with probability <see cref="EmptyProbability"/> the mask is empty; otherwise a band width
/// <c>w</c> uniform over the integers in [⌈BandFractionMin·n_mels⌉, ⌊BandFractionMax·n_mels⌋]; a band start uniform in
/// [0, n_mels − w] (or, with <see cref="BandCenterWeights"/>, a centre bin c drawn from those weights and start
/// <c>clamp(c − ⌊w/2⌋, 0, n_mels − w)</c>); a segment count K uniform in [SegmentCountMin, SegmentCountMax]; then K independent
/// segments, each with a length L uniform in [SegmentLengthMin, SegmentLengthMax] frames and a start uniform in [0, frames − L].
/// Segments may overlap; the mask is 1 on (band rows) × (union of segment frames).
/// </remarks>
public sealed record AudioBandSegmentOptions
{
    /// <summary>Preset label shown in tables (free text).</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Mask height: mel bins (default 128, the seed's n_mels).</summary>
    public int MelBins { get; init; } = 128;

    /// <summary>Mask width: frames (default 320 = 313 frames of a 10 s clip zero-padded to a multiple of 16).</summary>
    public int Frames { get; init; } = 320;

    /// <summary>Smallest band width as a fraction of <see cref="MelBins"/>, in (0, 1].</summary>
    public double BandFractionMin { get; init; } = 0.05;

    /// <summary>Largest band width as a fraction of <see cref="MelBins"/>, in (0, 1].</summary>
    public double BandFractionMax { get; init; } = 0.20;

    /// <summary>Fewest time segments per mask (≥ 1).</summary>
    public int SegmentCountMin { get; init; } = 3;

    /// <summary>Most time segments per mask.</summary>
    public int SegmentCountMax { get; init; } = 20;

    /// <summary>Shortest segment, frames (≥ 1).</summary>
    public int SegmentLengthMin { get; init; } = 5;

    /// <summary>Longest segment, frames (≤ <see cref="Frames"/>).</summary>
    public int SegmentLengthMax { get; init; } = 60;

    /// <summary>Probability in [0, 1) that a mask is empty (a normal sample in a training batch). Default 0.</summary>
    public double EmptyProbability { get; init; }

    /// <summary>
    /// Optional band-position prior: non-negative weights over the band's centre bin, length <see cref="MelBins"/>. Null = band start
    /// uniform (the seed's rule). Fitted presets set it from real localisation maps.
    /// </summary>
    public double[]? BandCenterWeights { get; init; }

    /// <summary>The seed's current setting: band 5–15 % of n_mels, 10–160 segments, lengths 1..T/4 frames.</summary>
    public static AudioBandSegmentOptions Current { get; } = CurrentFor(128, 320);

    /// <summary>The seed's proposal: band 5–20 %, 3–20 segments, 5–60 frames.</summary>
    public static AudioBandSegmentOptions Proposed { get; } = new()
    {
        Name = "Proposed", BandFractionMin = 0.05, BandFractionMax = 0.20, SegmentCountMin = 3, SegmentCountMax = 20, SegmentLengthMin = 5, SegmentLengthMax = 60,
    };

    /// <summary>The seed's narrow alternative: band 3–10 %, 2–12 segments, 10–80 frames.</summary>
    public static AudioBandSegmentOptions NarrowBandFewSegments { get; } = new()
    {
        Name = "NarrowBandFewSegments", BandFractionMin = 0.03, BandFractionMax = 0.10, SegmentCountMin = 2, SegmentCountMax = 12, SegmentLengthMin = 10, SegmentLengthMax = 80,
    };

    /// <summary>The three seed presets, in the seed's order.</summary>
    public static IReadOnlyList<AudioBandSegmentOptions> SeedPresets { get; } = [Current, Proposed, NarrowBandFewSegments];

    /// <summary><see cref="Current"/> for another grid (its longest segment is a quarter of the frames).</summary>
    public static AudioBandSegmentOptions CurrentFor(int melBins, int frames) => new()
    {
        Name = "Current", MelBins = melBins, Frames = frames, BandFractionMin = 0.05, BandFractionMax = 0.15,
        SegmentCountMin = 10, SegmentCountMax = 160, SegmentLengthMin = 1, SegmentLengthMax = Math.Max(1, frames / 4),
    };

    /// <summary>A seed preset by name (case-insensitive; <c>current</c>, <c>proposed</c>, <c>narrow-band-few-segments</c> or the C# names).</summary>
    public static AudioBandSegmentOptions FromPresetName(string name) => Normalise(name) switch
    {
        "current" => Current,
        "proposed" => Proposed,
        "narrowbandfewsegments" or "narrow" => NarrowBandFewSegments,
        _ => throw new ArgumentException($"unknown mask preset '{name}': expected current, proposed, narrow-band-few-segments or a preset .json file"),
    };

    /// <summary>A preset by name, or a JSON file (path ending in .json) written by <see cref="Save"/> or the fitter.</summary>
    public static AudioBandSegmentOptions Resolve(string nameOrFile) =>
        nameOrFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(nameOrFile) ? Load(nameOrFile) : FromPresetName(nameOrFile);

    /// <summary>Smallest band width in bins: ⌈BandFractionMin · MelBins⌉ (at least 1).</summary>
    [JsonIgnore]
    public int BandWidthMin => Math.Max(1, (int)Math.Ceiling(BandFractionMin * MelBins - 1e-9));

    /// <summary>Largest band width in bins: ⌊BandFractionMax · MelBins⌋.</summary>
    [JsonIgnore]
    public int BandWidthMax => (int)Math.Floor(BandFractionMax * MelBins + 1e-9);

    /// <summary>Largest mel_bins or frames a preset may ask for.</summary>
    public const int MaxSide = 1 << 14;

    /// <summary>Largest segment_count_max for this grid: max(1024, 16 × <see cref="Frames"/>).</summary>
    [JsonIgnore]
    public int MaxSegmentCount => (int)Math.Min(int.MaxValue, Math.Max(1024L, 16L * Frames));

    /// <summary>Checks every bound; returns this. Throws <see cref="ArgumentException"/> naming the bad field, expected vs found.</summary>
    public AudioBandSegmentOptions Validate()
    {
        if (MelBins < 1) throw new ArgumentException($"mask preset '{Name}': mel_bins must be ≥ 1, found {MelBins}");
        if (Frames < 1) throw new ArgumentException($"mask preset '{Name}': frames must be ≥ 1, found {Frames}");
        // Presets come from files: bound the grid and the segment count so drawing a mask costs at most ~16·frames² steps.
        if (MelBins > MaxSide) throw new ArgumentException($"mask preset '{Name}': mel_bins must be ≤ {MaxSide}, found {MelBins}");
        if (Frames > MaxSide) throw new ArgumentException($"mask preset '{Name}': frames must be ≤ {MaxSide}, found {Frames}");
        CheckFraction(nameof(BandFractionMin), BandFractionMin);
        CheckFraction(nameof(BandFractionMax), BandFractionMax);
        if (BandFractionMin > BandFractionMax)
            throw new ArgumentException($"mask preset '{Name}': band_fraction_min ({BandFractionMin}) > band_fraction_max ({BandFractionMax})");
        if (BandWidthMin > BandWidthMax)
            throw new ArgumentException($"mask preset '{Name}': no whole band width in [{BandFractionMin}, {BandFractionMax}] × {MelBins} mel bins (⌈min⌉ = {BandWidthMin} > ⌊max⌋ = {BandWidthMax})");
        if (SegmentCountMin < 1) throw new ArgumentException($"mask preset '{Name}': segment_count_min must be ≥ 1, found {SegmentCountMin}");
        if (SegmentCountMin > SegmentCountMax)
            throw new ArgumentException($"mask preset '{Name}': segment_count_min ({SegmentCountMin}) > segment_count_max ({SegmentCountMax})");
        if (SegmentCountMax > MaxSegmentCount)
            throw new ArgumentException($"mask preset '{Name}': segment_count_max must be ≤ {MaxSegmentCount} (max(1024, 16 × frames) for {Frames} frames; more segments add no coverage), found {SegmentCountMax}");
        if (SegmentLengthMin < 1) throw new ArgumentException($"mask preset '{Name}': segment_length_min must be ≥ 1 frame, found {SegmentLengthMin}");
        if (SegmentLengthMin > SegmentLengthMax)
            throw new ArgumentException($"mask preset '{Name}': segment_length_min ({SegmentLengthMin}) > segment_length_max ({SegmentLengthMax})");
        if (SegmentLengthMax > Frames)
            throw new ArgumentException($"mask preset '{Name}': segment_length_max ({SegmentLengthMax} frames) is beyond the {Frames} frames of the mask");
        if (!(EmptyProbability >= 0 && EmptyProbability < 1))
            throw new ArgumentException($"mask preset '{Name}': empty_probability must be in [0, 1), found {EmptyProbability}");
        if (BandCenterWeights is { } weights)
        {
            if (weights.Length != MelBins)
                throw new ArgumentException($"mask preset '{Name}': band_center_weights has {weights.Length} values, expected mel_bins = {MelBins}");
            if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)) || weights.Sum() <= 0)
                throw new ArgumentException($"mask preset '{Name}': band_center_weights must be finite, non-negative and not all zero");
        }
        return this;
    }

    /// <summary>The same preset on another grid; a band-centre prior is resampled by nearest bin.</summary>
    public AudioBandSegmentOptions WithGrid(int melBins, int frames)
    {
        double[]? weights = BandCenterWeights is { } w
            ? Enumerable.Range(0, melBins).Select(i => w[Math.Min(w.Length - 1, (int)((long)i * w.Length / melBins))]).ToArray()
            : null;
        return this with { MelBins = melBins, Frames = frames, BandCenterWeights = weights };
    }

    /// <summary>JSON text of this preset (snake_case keys, indented).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates a preset; <paramref name="source"/> names the file in errors.</summary>
    public static AudioBandSegmentOptions FromJson(string json, string source = "<json>")
    {
        AudioBandSegmentOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<AudioBandSegmentOptions>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a mask preset JSON ({e.Message})", e);
        }
        if (options is null) throw new InvalidDataException($"{source}: expected a JSON object with the mask preset fields, found null");
        try
        {
            return options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Reads a preset file.</summary>
    public static AudioBandSegmentOptions Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"mask preset file {path} does not exist", path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Writes this preset atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private void CheckFraction(string field, double value)
    {
        if (!(value > 0 && value <= 1))
            throw new ArgumentException($"mask preset '{Name}': {JsonNamingPolicy.SnakeCaseLower.ConvertName(field)} must be in (0, 1], found {value}");
    }

    private static string Normalise(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
