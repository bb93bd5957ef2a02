namespace AnomalyLab.Data;

/// <summary>Where a clip longer than <see cref="FrameLengthRule.Frames"/> is cropped.</summary>
public enum CropAnchor
{
    /// <summary>Keep the first frames (the seed's rule).</summary>
    Start,

    /// <summary>Keep the middle frames.</summary>
    Centre,
}

/// <summary>
/// How clips of unequal length become one <c>[clips, n_mels, frames]</c> block. Each clip keeps at most
/// <see cref="Frames"/> real frames (longer clips are cropped at <see cref="Anchor"/>; a shorter clip keeps all it has
/// and the rest is padding); the stored length is <see cref="Frames"/> rounded up to a multiple of
/// <see cref="PadToMultipleOf"/>. Padding cells hold <see cref="PadValue"/> after standardisation, and
/// <see cref="FeatureBlock.RealFrames"/> records each clip's real frames so statistics exclude padding.
/// The seed's rule (<see cref="Seed"/>): 313 frames (10 s at 16 kHz, hop 512, centred), zero-padded to 320 for the VQ-VAE.
/// </summary>
public sealed record FrameLengthRule
{
    /// <summary>Real frames kept per clip. Default 313 (10 s at 16 kHz with hop 512, centred).</summary>
    public int Frames { get; init; } = 313;

    /// <summary>Crop position for longer clips (ToyCar 11 s → 345 frames). Default start.</summary>
    public CropAnchor Anchor { get; init; } = CropAnchor.Start;

    /// <summary>Stored frames are rounded up to a multiple of this. Default 16 (313 → 320).</summary>
    public int PadToMultipleOf { get; init; } = 16;

    /// <summary>Value of padding cells, in the units after standardisation. Default 0.</summary>
    public float PadValue { get; init; }

    /// <summary>The seed's rule: 313 real frames, stored as 320.</summary>
    public static FrameLengthRule Seed { get; } = new();

    /// <summary>313 frames, no padding.</summary>
    public static FrameLengthRule Unpadded { get; } = new() { PadToMultipleOf = 1 };

    /// <summary>Frames stored per clip: <see cref="Frames"/> rounded up to <see cref="PadToMultipleOf"/>.</summary>
    public int StorageFrames => (Frames + PadToMultipleOf - 1) / PadToMultipleOf * PadToMultipleOf;

    /// <summary>First kept frame of a clip with <paramref name="available"/> frames.</summary>
    public int CropStart(int available) => available <= Frames ? 0 : Anchor == CropAnchor.Start ? 0 : (available - Frames) / 2;

    /// <summary>Checks the fields.</summary>
    /// <exception cref="ArgumentException">Non-positive frames or multiple.</exception>
    public FrameLengthRule Validate()
    {
        if (Frames <= 0) throw new ArgumentException($"FrameLengthRule.Frames must be positive (got {Frames}).");
        if (PadToMultipleOf <= 0) throw new ArgumentException($"FrameLengthRule.PadToMultipleOf must be positive (got {PadToMultipleOf}).");
        if (!float.IsFinite(PadValue)) throw new ArgumentException("FrameLengthRule.PadValue must be finite.");
        return this;
    }
}
