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
/// <c>w</c> uniform over the integers in [⌈BandFractionMin·n_mels⌉, ⌊BandFractionMax·n_mels⌋] (or drawn from
/// <see cref="BandWidthWeights"/>); a band start uniform in
/// [0, n_mels − w] (or, with <see cref="BandCenterWeights"/>, a centre bin c drawn from those weights and start
/// <c>clamp(c − ⌊w/2⌋, 0, n_mels − w)</c>); a segment count K uniform in [SegmentCountMin, SegmentCountMax]; then K independent
/// segments, each with a length L uniform in [SegmentLengthMin, SegmentLengthMax] frames (or drawn from
/// <see cref="SegmentLengthWeights"/>) and a start uniform in [0, frames − L].
/// Segments may overlap; the mask is 1 on (band rows) × (union of segment frames).
/// <para>Bounds (checked by <see cref="Validate"/>, each error names the field): mel_bins ≤ <see cref="MaxMelBins"/>, frames ≤
/// <see cref="MaxFrames"/>, segment_count_max ≤ frames (more segments than frames cannot cover more). Drawing one mask costs
/// O(segment count + frames + band width × frames) = O(mel_bins × frames): bounded by the grid, whatever the JSON says.</para>
/// <para>Clip length (<see cref="ForClip"/>): a preset is applied to a clip of F real frames on the grid of F rounded up to a multiple
/// of 16 (the VQ-VAE stride: 313 → 320, ToyCar's 344 → 352, 12-s clips' 376 → 384). Segment counts and lengths are events and
/// durations (frames at a fixed hop) and stay as they are; only segment_length_max (and its weights) is clamped to the grid.
/// <see cref="Current"/> keeps the seed's rule relative to the clip (lengths 1..T/4).</para>
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

    /// <summary>
    /// Optional band-width distribution: non-negative weights over the widths BandWidthMin..BandWidthMax (index 0 = BandWidthMin
    /// bins), length BandWidthMax − BandWidthMin + 1. Null = width uniform over that range (the seed's rule). Fitted presets set it
    /// from the real anomalies' band widths.
    /// </summary>
    public double[]? BandWidthWeights { get; init; }

    /// <summary>
    /// Optional segment-length distribution: non-negative weights over the lengths SegmentLengthMin..SegmentLengthMax frames
    /// (index 0 = SegmentLengthMin), length SegmentLengthMax − SegmentLengthMin + 1. Null = uniform (the seed's rule). Fitted
    /// presets set it from the real anomalies' run lengths.
    /// </summary>
    public double[]? SegmentLengthWeights { get; init; }

    /// <summary>Largest mel_bins a preset accepts (1024).</summary>
    public const int MaxMelBins = 1024;

    /// <summary>Largest frames a preset accepts (65,536: about 35 min at 16 kHz with hop 512).</summary>
    public const int MaxFrames = 65_536;

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

    /// <summary><see cref="Current"/> for another grid (its longest segment is a quarter of the frames; counts clamped to the frames on tiny grids).</summary>
    public static AudioBandSegmentOptions CurrentFor(int melBins, int frames) => new()
    {
        Name = "Current", MelBins = melBins, Frames = frames, BandFractionMin = 0.05, BandFractionMax = 0.15,
        SegmentCountMin = Math.Min(10, Math.Max(1, frames)), SegmentCountMax = Math.Min(160, Math.Max(1, frames)), SegmentLengthMin = 1, SegmentLengthMax = Math.Max(1, frames / 4),
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

    /// <summary>Checks every bound; returns this. Throws <see cref="ArgumentException"/> naming the bad field, expected vs found.</summary>
    public AudioBandSegmentOptions Validate()
    {
        if (MelBins < 1 || MelBins > MaxMelBins) throw new ArgumentException($"mask preset '{Name}': mel_bins must be in [1, {MaxMelBins}], found {MelBins}");
        if (Frames < 1 || Frames > MaxFrames) throw new ArgumentException($"mask preset '{Name}': frames must be in [1, {MaxFrames}], found {Frames}");
        CheckFraction(nameof(BandFractionMin), BandFractionMin);
        CheckFraction(nameof(BandFractionMax), BandFractionMax);
        if (BandFractionMin > BandFractionMax)
            throw new ArgumentException($"mask preset '{Name}': band_fraction_min ({BandFractionMin}) > band_fraction_max ({BandFractionMax})");
        if (BandWidthMin > BandWidthMax)
            throw new ArgumentException($"mask preset '{Name}': no whole band width in [{BandFractionMin}, {BandFractionMax}] × {MelBins} mel bins (⌈min⌉ = {BandWidthMin} > ⌊max⌋ = {BandWidthMax})");
        if (SegmentCountMin < 1) throw new ArgumentException($"mask preset '{Name}': segment_count_min must be ≥ 1, found {SegmentCountMin}");
        if (SegmentCountMin > SegmentCountMax)
            throw new ArgumentException($"mask preset '{Name}': segment_count_min ({SegmentCountMin}) > segment_count_max ({SegmentCountMax})");
        if (SegmentCountMax > Frames)
            throw new ArgumentException($"mask preset '{Name}': segment_count_max must be ≤ frames = {Frames} (more segments than frames cover nothing more), found {SegmentCountMax}");
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
        CheckWeights("band_width_weights", BandWidthWeights, BandWidthMax - BandWidthMin + 1, $"widths {BandWidthMin}..{BandWidthMax} bins");
        CheckWeights("segment_length_weights", SegmentLengthWeights, SegmentLengthMax - SegmentLengthMin + 1, $"lengths {SegmentLengthMin}..{SegmentLengthMax} frames");
        return this;
    }

    /// <summary>
    /// The same preset on another grid: band fractions stay fractions (the band-centre prior is resampled by nearest bin, the width
    /// weights by nearest width); segment counts and lengths stay in frames, with segment_length_max (and its weights) clamped to
    /// <paramref name="frames"/>, and segment_count_max clamped to it too. <see cref="Current"/> (by name) keeps its T/4 rule.
    /// </summary>
    public AudioBandSegmentOptions WithGrid(int melBins, int frames)
    {
        if (melBins == MelBins && frames == Frames) return this;
        if (this == CurrentFor(MelBins, Frames)) return CurrentFor(melBins, frames);
        double[]? centres = BandCenterWeights is { } w
            ? Enumerable.Range(0, melBins).Select(i => w[Math.Min(w.Length - 1, (int)((long)i * w.Length / melBins))]).ToArray()
            : null;
        var resized = this with { MelBins = melBins, Frames = frames, BandCenterWeights = centres, BandWidthWeights = null, SegmentLengthWeights = null };
        if (BandWidthWeights is { } widths)
        {
            // Nearest old width for each new width (both as fractions of the mel axis).
            resized = resized with
            {
                BandWidthWeights = Enumerable.Range(resized.BandWidthMin, resized.BandWidthMax - resized.BandWidthMin + 1)
                    .Select(wNew => widths[Math.Clamp((int)Math.Round((double)wNew * MelBins / melBins) - BandWidthMin, 0, widths.Length - 1)]).ToArray(),
            };
            if (resized.BandWidthWeights.Sum() <= 0) resized = resized with { BandWidthWeights = null };
        }
        int lengthMax = Math.Min(SegmentLengthMax, frames), lengthMin = Math.Min(SegmentLengthMin, lengthMax);
        resized = resized with { SegmentLengthMin = lengthMin, SegmentLengthMax = lengthMax, SegmentCountMin = Math.Min(SegmentCountMin, frames), SegmentCountMax = Math.Min(SegmentCountMax, frames) };
        if (SegmentLengthWeights is { } lengths)
        {
            double[] kept = Enumerable.Range(lengthMin, lengthMax - lengthMin + 1).Select(l => lengths[l - SegmentLengthMin]).ToArray();
            resized = resized with { SegmentLengthWeights = kept.Sum() > 0 ? kept : null };
        }
        return resized;
    }

    /// <summary>
    /// The preset on the grid of a clip with <paramref name="realFrames"/> frames and <paramref name="melBins"/> mel bins: frames
    /// rounded up to a multiple of 16 (<see cref="AnomalyLab.Data.FrameLengthRule.StorageFrames"/>: 313 → 320, 344 → 352, 376 → 384),
    /// by <see cref="WithGrid"/>'s rule.
    /// </summary>
    public AudioBandSegmentOptions ForClip(int melBins, int realFrames) => WithGrid(melBins, GridFrames(realFrames));

    /// <summary>Mask grid frames for a clip of <paramref name="realFrames"/> frames: rounded up to a multiple of 16 (the VQ-VAE stride).</summary>
    public static int GridFrames(int realFrames) => new AnomalyLab.Data.FrameLengthRule { Frames = realFrames }.Validate().StorageFrames;

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

    private void CheckWeights(string field, double[]? weights, int expected, string over)
    {
        if (weights is null) return;
        if (weights.Length != expected)
            throw new ArgumentException($"mask preset '{Name}': {field} has {weights.Length} values, expected {expected} ({over})");
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)) || weights.Sum() <= 0)
            throw new ArgumentException($"mask preset '{Name}': {field} must be finite, non-negative and not all zero");
    }

    private static string Normalise(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
