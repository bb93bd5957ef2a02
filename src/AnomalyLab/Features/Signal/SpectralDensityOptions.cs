namespace AnomalyLab.Features.Signal;

/// <summary>How a power spectrum is scaled (scipy.signal's <c>scaling</c>).</summary>
public enum SpectralScaling
{
    /// <summary>Power spectral density, units²/Hz: |X|² / (fs · Σw²).</summary>
    Density,
    /// <summary>Power spectrum, units²: |X|² / (Σw)².</summary>
    Spectrum,
}

/// <summary>Window applied to each segment.</summary>
public enum SegmentWindow
{
    /// <summary>Periodic Hann (scipy <c>get_window('hann', n)</c>).</summary>
    Hann,
    /// <summary>Rectangular (scipy <c>'boxcar'</c>).</summary>
    Boxcar,
}

/// <summary>
/// Welch / periodogram settings with <c>scipy.signal.welch</c> semantics: segments of <paramref name="SegmentLength"/>
/// samples advancing by SegmentLength − Overlap, each detrended, windowed and transformed with an FFT of the segment
/// length; one-sided output (non-DC, non-Nyquist bins doubled); segments averaged by the mean.
/// </summary>
/// <param name="SegmentLength">nperseg, samples per segment. Default 256 (scipy's).</param>
/// <param name="Overlap">noverlap, samples shared by consecutive segments; null = SegmentLength / 2.</param>
/// <param name="Window">Segment window; default Hann.</param>
/// <param name="DetrendConstant">Subtract each segment's mean first (scipy <c>detrend='constant'</c>, default); false = no detrending.</param>
/// <param name="Scaling">Density (default) or spectrum.</param>
public sealed record SpectralDensityOptions(
    int SegmentLength = 256,
    int? Overlap = null,
    SegmentWindow Window = SegmentWindow.Hann,
    bool DetrendConstant = true,
    SpectralScaling Scaling = SpectralScaling.Density)
{
    /// <summary>scipy.signal.welch defaults: Hann, 256 samples, 50 % overlap, constant detrend, density.</summary>
    public static SpectralDensityOptions ScipyWelch { get; } = new();

    /// <summary>The effective overlap in samples.</summary>
    public int EffectiveOverlap => Overlap ?? SegmentLength / 2;

    internal void Validate()
    {
        if (SegmentLength < 1) throw new ArgumentOutOfRangeException(nameof(SegmentLength), SegmentLength, "nperseg must be >= 1.");
        if (EffectiveOverlap < 0 || EffectiveOverlap >= SegmentLength)
            throw new ArgumentOutOfRangeException(nameof(Overlap), EffectiveOverlap, $"noverlap must be in [0, nperseg) = [0, {SegmentLength}).");
    }

    internal double[] CreateWindow()
    {
        if (Window == SegmentWindow.Hann) return Stft.HannWindow(SegmentLength, SegmentLength); // periodic Hann, as scipy's "hann"
        var boxcar = new double[SegmentLength];
        Array.Fill(boxcar, 1.0);
        return boxcar;
    }
}
