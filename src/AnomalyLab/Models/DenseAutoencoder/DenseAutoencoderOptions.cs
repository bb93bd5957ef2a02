namespace AnomalyLab.Models.DenseAutoencoder;

/// <summary>
/// Hyper-parameters of the DCASE 2020 Task 2 baseline autoencoder. Immutable. Input vectors are
/// <see cref="ContextFrames"/> consecutive log-mel frames concatenated: length ContextFrames × NMels (640 by default).
/// </summary>
public sealed record DenseAutoencoderOptions
{
    /// <summary>Mel bands per frame. Default 128.</summary>
    public int NMels { get; init; } = 128;

    /// <summary>Consecutive frames in one input vector. Default 5.</summary>
    public int ContextFrames { get; init; } = 5;

    /// <summary>Width of the hidden layers. Default 128.</summary>
    public int HiddenDim { get; init; } = 128;

    /// <summary>Hidden layers on each side of the bottleneck. Default 4.</summary>
    public int HiddenLayers { get; init; } = 4;

    /// <summary>Bottleneck width. Default 8.</summary>
    public int BottleneckDim { get; init; } = 8;

    /// <summary>Length of one input vector: ContextFrames × NMels.</summary>
    public int InputDim => ContextFrames * NMels;

    /// <summary>The DCASE 2020 baseline: 640 → 128×4 → 8 → 128×4 → 640.</summary>
    public static DenseAutoencoderOptions Dcase2020Baseline { get; } = new();

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public DenseAutoencoderOptions Validate()
    {
        var problems = new List<string>();
        if (NMels <= 0) problems.Add($"NMels must be positive (got {NMels})");
        if (ContextFrames <= 0) problems.Add($"ContextFrames must be positive (got {ContextFrames})");
        if (HiddenDim <= 0) problems.Add($"HiddenDim must be positive (got {HiddenDim})");
        if (HiddenLayers < 0) problems.Add($"HiddenLayers must be >= 0 (got {HiddenLayers})");
        if (BottleneckDim <= 0) problems.Add($"BottleneckDim must be positive (got {BottleneckDim})");
        // Sizes from a checkpoint file are untrusted: bound them so a corrupt file cannot ask for terabytes of weights.
        const long MaxWeights = 1L << 28;
        long input = (long)Math.Max(NMels, 0) * Math.Max(ContextFrames, 0);
        if (input * Math.Max(HiddenDim, 0) > MaxWeights || (long)HiddenDim * HiddenDim * Math.Max(HiddenLayers, 0) > MaxWeights)
            problems.Add($"NMels × ContextFrames × HiddenDim ({NMels} × {ContextFrames} × {HiddenDim}) and HiddenDim² × HiddenLayers must stay below {MaxWeights} weights");
        if (problems.Count > 0) throw new ArgumentException("Invalid dense autoencoder options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
