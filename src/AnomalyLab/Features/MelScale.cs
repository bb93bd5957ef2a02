namespace AnomalyLab.Features;

/// <summary>Hz ↔ mel conversion formula.</summary>
public enum MelScale
{
    /// <summary>HTK: mel = 2595 · log10(1 + f / 700). torchaudio's default.</summary>
    Htk,

    /// <summary>Slaney (Auditory Toolbox): linear below 1 kHz (f / (200/3)), logarithmic above (step ln(6.4)/27). librosa's default.</summary>
    Slaney,
}

/// <summary>Normalisation of each triangular mel filter.</summary>
public enum MelNorm
{
    /// <summary>Peak 1 (torchaudio norm=None, librosa norm=None).</summary>
    None,

    /// <summary>Area normalisation: each filter scaled by 2 / (f_right − f_left) (librosa norm=1 / "slaney").</summary>
    Slaney,
}

/// <summary>How the power floor is applied before log10.</summary>
public enum DecibelFloor
{
    /// <summary>10·log10(max(x, amin)) — torchaudio AmplitudeToDB, librosa power_to_db.</summary>
    Clamp,

    /// <summary>10·log10(x + amin) — the DCASE 2020 baseline (amin = machine epsilon 2.22e-16).</summary>
    AddEpsilon,
}
