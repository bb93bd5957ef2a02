using static TorchSharp.torch;

namespace AnomalyLab.Models;

/// <summary>The loss of one batch: the total to minimise and its named parts (scalars, same graph).</summary>
/// <param name="Total">Scalar tensor to back-propagate.</param>
/// <param name="Parts">Named scalar components for progress reports (e.g. "recon", "kl", "vq").</param>
public sealed record TrainingLoss(Tensor Total, IReadOnlyList<(string Name, Tensor Value)> Parts);
