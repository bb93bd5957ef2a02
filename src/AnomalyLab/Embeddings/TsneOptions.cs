namespace AnomalyLab.Embeddings;

/// <summary>How the t-SNE embedding is initialised.</summary>
public enum TsneInitialization
{
    /// <summary>First principal components, scaled so the first has standard deviation 1e-4 (scikit-learn 1.2's default 'pca').</summary>
    Pca,
    /// <summary>Seeded N(0, 1e-4²) coordinates ('random').</summary>
    Random,
}

/// <summary>
/// Barnes–Hut t-SNE settings; defaults are scikit-learn 1.2.1's <c>TSNE</c> defaults.
/// </summary>
/// <param name="Dimensions">Embedding dimensions, 2 or 3.</param>
/// <param name="Perplexity">Effective number of neighbours; P uses the ⌊3·perplexity + 1⌋ nearest neighbours.</param>
/// <param name="EarlyExaggeration">Factor on P during the first 250 iterations (12).</param>
/// <param name="LearningRate">Step size; null = 'auto' = max(n / early_exaggeration / 4, 50).</param>
/// <param name="Iterations">Total iterations including the 250 exaggerated ones (1000).</param>
/// <param name="IterationsWithoutProgress">Stop after this many iterations without a lower error (checked every 50) (300).</param>
/// <param name="MinGradientNorm">Stop when the gradient norm falls below this (1e-7).</param>
/// <param name="Angle">Barnes–Hut θ: a cell is summarised when its width / distance &lt; θ (0.5).</param>
/// <param name="Initialization">PCA (default) or random.</param>
/// <param name="Seed">Seed for random initialisation; same seed → same embedding.</param>
public sealed record TsneOptions(
    int Dimensions = 2,
    double Perplexity = 30.0,
    double EarlyExaggeration = 12.0,
    double? LearningRate = null,
    int Iterations = 1000,
    int IterationsWithoutProgress = 300,
    double MinGradientNorm = 1e-7,
    double Angle = 0.5,
    TsneInitialization Initialization = TsneInitialization.Pca,
    int Seed = 0)
{
    /// <summary>scikit-learn 1.2.1 defaults, 2-D.</summary>
    public static TsneOptions ScikitLearn2D { get; } = new();
    /// <summary>scikit-learn 1.2.1 defaults, 3-D.</summary>
    public static TsneOptions ScikitLearn3D { get; } = new(Dimensions: 3);

    /// <summary>Iterations with exaggerated P and momentum 0.5 (scikit-learn's _EXPLORATION_N_ITER).</summary>
    public const int ExplorationIterations = 250;
    /// <summary>Iterations between error checks (scikit-learn's _N_ITER_CHECK).</summary>
    public const int CheckInterval = 50;

    /// <summary>Student-t degrees of freedom: max(dimensions − 1, 1), as scikit-learn.</summary>
    public double DegreesOfFreedom => Math.Max(Dimensions - 1, 1);

    /// <summary>The learning rate used for <paramref name="samples"/> points.</summary>
    public double EffectiveLearningRate(int samples) => LearningRate ?? Math.Max(samples / EarlyExaggeration / 4.0, 50.0);

    internal void Validate(int samples)
    {
        if (Dimensions is < 2 or > 3) throw new ArgumentOutOfRangeException(nameof(Dimensions), Dimensions, "Barnes–Hut t-SNE supports 2 or 3 dimensions.");
        if (Perplexity <= 0) throw new ArgumentOutOfRangeException(nameof(Perplexity), Perplexity, "perplexity must be positive.");
        if (Perplexity >= samples) throw new ArgumentException($"perplexity ({Perplexity}) must be less than the number of samples ({samples}).", nameof(Perplexity));
        if (Iterations < ExplorationIterations) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, $"at least {ExplorationIterations} iterations are needed.");
    }
}
