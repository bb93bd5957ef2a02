namespace AnomalyLab.Features;

/// <summary>
/// How the n_fft/2 + 1 one-sided STFT bins become a height the conv VAE can halve at every stage
/// (513 bins at n_fft 1024 is odd, so no stride-2 encoder fits it as is).
/// </summary>
public enum FrequencyBinRule
{
    /// <summary>Drop the Nyquist bin (the last one): 513 → 512 rows. Default. The Nyquist bin holds only the
    /// real part of the fs/2 component, which the anti-alias filter of any recorder has already removed.</summary>
    DropNyquist,

    /// <summary>Keep every bin and append zero rows up to the next multiple of <c>StftPatchOptions.BinMultiple</c> (the STFT-VAE patch preset)
    /// (513 → 528 for 16). The zero rows are constant after min-max normalisation (0) and cost a little capacity.</summary>
    ZeroPad,
}
