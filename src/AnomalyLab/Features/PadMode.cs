namespace AnomalyLab.Features;

/// <summary>How a centred STFT pads the signal by n_fft/2 samples on each side.</summary>
public enum PadMode
{
    /// <summary>Mirror without repeating the edge sample (numpy/torch "reflect"); torchaudio's and librosa's default.</summary>
    Reflect,

    /// <summary>Zeros.</summary>
    Constant,
}
