using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AnomalyLab.Models.VqVae2;

/// <summary>What <see cref="EmaVectorQuantizer"/> returns for a grid of vectors <c>[B, D, h, w]</c>.</summary>
/// <param name="Quantized">Nearest codewords with the straight-through gradient to the input, <c>[B, D, h, w]</c>.</param>
/// <param name="CommitmentLoss">Commitment cost × mean ‖z − sg(q)‖², a scalar.</param>
/// <param name="Perplexity">exp(entropy) of the code usage in the batch, a scalar (1 … codebook size).</param>
/// <param name="Indices">Chosen code per position, int64 <c>[B, h, w]</c>.</param>
public sealed record QuantizerOutput(Tensor Quantized, Tensor CommitmentLoss, Tensor Perplexity, Tensor Indices);

/// <summary>
/// Vector quantiser whose codebook follows exponential moving averages of the vectors assigned to each code
/// (VQ-VAE appendix A.1; Laplace-smoothed cluster sizes as in Sonnet's <c>VectorQuantizerEMA</c>, also used by DSR).
/// The codebook is a buffer, not a parameter: only the commitment loss reaches the encoder, and the straight-through
/// estimator passes the decoder's gradient to the encoder unchanged.
/// </summary>
public sealed class EmaVectorQuantizer : Module<Tensor, QuantizerOutput>
{
    private readonly int numEmbeddings;
    private readonly int embeddingDim;
    private readonly double commitmentCost;
    private readonly double decay;
    private readonly double epsilon;

    // Buffers: registered by RegisterComponents, saved with the weights.
    private readonly Tensor embedding;
    private readonly Tensor ema_cluster_size;
    private readonly Tensor ema_w;

    /// <summary>Creates a codebook of <paramref name="numEmbeddings"/> codewords of length <paramref name="embeddingDim"/>, drawn from N(0, 1).</summary>
    public EmaVectorQuantizer(int numEmbeddings, int embeddingDim, double commitmentCost, double decay, double epsilon) : base(nameof(EmaVectorQuantizer))
    {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.commitmentCost = commitmentCost;
        this.decay = decay;
        this.epsilon = epsilon;
        embedding = randn(numEmbeddings, embeddingDim);
        ema_w = embedding.clone();
        ema_cluster_size = zeros(numEmbeddings);
        RegisterComponents();
    }

    /// <summary>Number of codewords.</summary>
    public int NumEmbeddings => numEmbeddings;

    /// <summary>Codeword length.</summary>
    public int EmbeddingDim => embeddingDim;

    /// <summary>The codebook <c>[NumEmbeddings, EmbeddingDim]</c> (a live buffer: do not dispose or modify).</summary>
    public Tensor Codebook => embedding;

    /// <summary>Squared Euclidean distances from each row of <paramref name="flat"/> <c>[N, D]</c> to every codeword: <c>[N, K]</c>.</summary>
    public Tensor Distances(Tensor flat)
    {
        using var scope = NewDisposeScope();
        Tensor inputNorms = flat.pow(2).sum(1, keepdim: true);
        Tensor codeNorms = embedding.pow(2).sum(1);
        // ‖x‖² + ‖e‖² − 2 x·e, fused as addmm: (inputNorms + codeNorms) − 2 · flat @ eᵀ.
        return torch.addmm(inputNorms + codeNorms, flat, embedding.t(), beta: 1, alpha: -2).MoveToOuterDisposeScope();
    }

    /// <summary>Quantises <paramref name="input"/> <c>[B, D, h, w]</c>; in training mode also updates the codebook averages.</summary>
    public override QuantizerOutput forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long b = input.shape[0], h = input.shape[2], w = input.shape[3];
        Tensor channelsLast = input.permute(0, 2, 3, 1).contiguous();
        Tensor flat = channelsLast.view(-1, embeddingDim);
        Tensor indices;
        using (no_grad())
        {
            indices = Distances(flat).argmin(1);
        }
        Tensor quantizedFlat = embedding.index_select(0, indices);
        Tensor counts = bincount(indices, minlength: numEmbeddings).to(flat.dtype);

        if (training)
        {
            using (no_grad())
            {
                ema_cluster_size.mul_(decay).add_(counts, alpha: 1 - decay);
                Tensor total = ema_cluster_size.sum();
                Tensor smoothed = (ema_cluster_size + epsilon) / (total + numEmbeddings * epsilon) * total;
                ema_cluster_size.copy_(smoothed);
                Tensor sums = zeros_like(ema_w).index_add_(0, indices, flat.detach(), 1);
                ema_w.mul_(decay).add_(sums, alpha: 1 - decay);
                embedding.copy_(ema_w / ema_cluster_size.unsqueeze(1));
                // The loss below uses the codewords chosen before the update, as the reference does.
            }
        }

        Tensor quantized = quantizedFlat.view(b, h, w, embeddingDim);
        Tensor loss = functional.mse_loss(channelsLast, quantized.detach()) * commitmentCost;
        Tensor straightThrough = channelsLast + (quantized - channelsLast).detach();
        Tensor probabilities = counts / (double)flat.shape[0];
        Tensor perplexity = (-(probabilities * (probabilities + 1e-10).log()).sum()).exp();
        var output = new QuantizerOutput(
            straightThrough.permute(0, 3, 1, 2).contiguous(),
            loss,
            perplexity,
            indices.view(b, h, w));
        output.Quantized.MoveToOuterDisposeScope();
        output.CommitmentLoss.MoveToOuterDisposeScope();
        output.Perplexity.MoveToOuterDisposeScope();
        output.Indices.MoveToOuterDisposeScope();
        return output;
    }

    /// <summary>Codewords for the given indices: int64 <c>[B, h, w]</c> → <c>[B, D, h, w]</c>.</summary>
    public Tensor Lookup(Tensor indices)
    {
        using var scope = NewDisposeScope();
        long b = indices.shape[0], h = indices.shape[1], w = indices.shape[2];
        return embedding.index_select(0, indices.reshape(-1)).view(b, h, w, embeddingDim).permute(0, 3, 1, 2).contiguous().MoveToOuterDisposeScope();
    }
}
