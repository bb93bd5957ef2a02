namespace AnomalyLab.Data;

/// <summary>How a synthetic anomaly sounds; each machine id gets one kind (cycled over ids).</summary>
public enum SyntheticAnomalyKind
{
    /// <summary>Bearing-like impulse train: decaying resonances at a carrier (2.5–5 kHz) repeating at 15–40 Hz.</summary>
    ImpulseTrain,

    /// <summary>Harmonic shift: partials at half-integer multiples of the fundamental inside a mid band (about 1–2.5 kHz).</summary>
    HarmonicShift,

    /// <summary>Band-limited rattle: short random bursts of band-pass noise high up (about 5–7 kHz).</summary>
    Rattle,
}
