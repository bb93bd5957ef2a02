namespace AnomalyLab.Masks;

/// <summary>
/// Settings of <see cref="PerlinMasks"/>. Defaults (<see cref="Dsr"/>) are DSR's stage-2 rule (<c>train_dsr.py</c> / <c>data_loader.py</c>):
/// per-axis lattice scale 2^k with k uniform in {0, …, 5} independently per axis, rotation uniform in [−90°, 90°], threshold 0.5,
/// and half the masks empty.
/// </summary>
public sealed record PerlinMaskOptions
{
    /// <summary>Label for tables.</summary>
    public string Name { get; init; } = "Perlin";

    /// <summary>Mask height: mel bins (default 128).</summary>
    public int MelBins { get; init; } = 128;

    /// <summary>Mask width: frames (default 320).</summary>
    public int Frames { get; init; } = 320;

    /// <summary>Smallest scale exponent k (lattice cells per axis = 2^k). Default 0.</summary>
    public int ScaleExponentMin { get; init; }

    /// <summary>Largest scale exponent k, inclusive (DSR's <c>randint(0, 6)</c> → 5).</summary>
    public int ScaleExponentMax { get; init; } = 5;

    /// <summary>A pixel is masked where the (rotated) noise is strictly above this. Default 0.5.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Rotation angle uniform in [−RotationDegrees, +RotationDegrees]; 0 disables rotation. Default 90.</summary>
    public double RotationDegrees { get; init; } = 90;

    /// <summary>Probability in [0, 1) that a mask is empty (DSR: 0.5).</summary>
    public double EmptyProbability { get; init; } = 0.5;

    /// <summary>DSR's settings at 128 × 320.</summary>
    public static PerlinMaskOptions Dsr { get; } = new();

    /// <summary>DSR's noise without empty masks or rotation (every mask anomalous, axes kept aligned with mel/time).</summary>
    public static PerlinMaskOptions AxisAlignedNonEmpty { get; } = new() { Name = "PerlinAxisAligned", RotationDegrees = 0, EmptyProbability = 0 };

    /// <summary>Checks the bounds; returns this.</summary>
    public PerlinMaskOptions Validate()
    {
        if (MelBins < 1 || Frames < 1) throw new ArgumentException($"Perlin masks '{Name}': grid must be at least 1 × 1, found {MelBins} × {Frames}");
        if (ScaleExponentMin < 0) throw new ArgumentException($"Perlin masks '{Name}': scale_exponent_min must be ≥ 0, found {ScaleExponentMin}");
        if (ScaleExponentMin > ScaleExponentMax)
            throw new ArgumentException($"Perlin masks '{Name}': scale_exponent_min ({ScaleExponentMin}) > scale_exponent_max ({ScaleExponentMax})");
        if ((1 << ScaleExponentMax) > Math.Min(MelBins, Frames))
            throw new ArgumentException($"Perlin masks '{Name}': 2^{ScaleExponentMax} lattice cells exceed the {MelBins} × {Frames} grid");
        if (!(EmptyProbability >= 0 && EmptyProbability < 1)) throw new ArgumentException($"Perlin masks '{Name}': empty_probability must be in [0, 1), found {EmptyProbability}");
        if (!(RotationDegrees >= 0 && RotationDegrees <= 180)) throw new ArgumentException($"Perlin masks '{Name}': rotation_degrees must be in [0, 180], found {RotationDegrees}");
        if (double.IsNaN(Threshold)) throw new ArgumentException($"Perlin masks '{Name}': threshold is NaN");
        return this;
    }
}
