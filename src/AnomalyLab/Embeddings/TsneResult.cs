namespace AnomalyLab.Embeddings;

/// <summary>Output of <see cref="Tsne.Fit(double[,], TsneOptions?)"/>.</summary>
/// <param name="Embedding"><c>[n_samples, dimensions]</c> coordinates.</param>
/// <param name="KlDivergence">KL(P‖Q) reported by the optimiser at its last error evaluation (Barnes–Hut estimate of Q, as scikit-learn's <c>kl_divergence_</c>).</param>
/// <param name="Iterations">Iterations run (the optimiser may stop early for lack of progress or a tiny gradient).</param>
/// <param name="Affinities">The joint probabilities P used.</param>
public sealed record TsneResult(double[,] Embedding, double KlDivergence, int Iterations, SparseAffinities Affinities);
