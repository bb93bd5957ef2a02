using System.Text.Json;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Models;
using AnomalyLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Models;

/// <summary>
/// Each network with PyTorch's weights (tests/goldens/training_goldens.py, torch 1.13.1) on a fixed tiny batch: the eval
/// forward pass, the training loss and its parts (MSE, VAE KL term, VQ commitment losses), every parameter's gradient after
/// one backward, and the buffers a training-mode forward updates (BatchNorm running statistics, the EMA codebook).
/// </summary>
[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class TorchParityTests
{
    // float32 on both sides, same operations in the same order up to library kernels: differences are rounding only.
    private const double Forward = 1e-5, Gradient = 1e-4, LossTolerance = 1e-5;

    private static double Part(TrainingLoss loss, string name) => loss.Parts.Single(p => p.Name == name).Value.item<float>();

    [Fact]
    public void Dense_autoencoder_forward_loss_gradients_and_batch_norm_statistics_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var golden = new TorchGoldens("dense");
        JsonElement o = golden.Options;
        var options = new DenseAutoencoderOptions
        {
            NMels = o.GetProperty("n_mels").GetInt32(), ContextFrames = o.GetProperty("context_frames").GetInt32(),
            HiddenDim = o.GetProperty("hidden_dim").GetInt32(), HiddenLayers = o.GetProperty("hidden_layers").GetInt32(),
            BottleneckDim = o.GetProperty("bottleneck_dim").GetInt32(),
        };
        using var model = new DenseAutoencoderTrainableModel(options);
        golden.LoadInto(model.Network);
        Tensor x = golden.Input();

        TorchGoldens.AssertClose(golden.Array("output").Values, model.Reconstruct(x).data<float>().ToArray(), Forward, "dense eval forward");
        model.Network.train();
        TrainingLoss loss = model.Loss(x);
        loss.Total.backward();
        TorchGoldens.AssertScalar(golden.Loss("total"), loss.Total.item<float>(), LossTolerance, "dense MSE loss");
        golden.AssertGradients(model.Network, Gradient);
        golden.AssertBuffersAfterStep(model.Network, Forward);
    }

    [Fact]
    public void Conv_vae_forward_kl_term_and_gradients_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var golden = new TorchGoldens("vae");
        JsonElement o = golden.Options;
        var options = new ConvVaeOptions
        {
            InputChannels = o.GetProperty("input_channels").GetInt32(), InputHeight = o.GetProperty("input_height").GetInt32(),
            InputWidth = o.GetProperty("input_width").GetInt32(), Channels = o.GetProperty("channels").EnumerateArray().Select(c => c.GetInt32()).ToArray(),
            LatentDim = o.GetProperty("latent_dim").GetInt32(), LogVarianceClip = o.GetProperty("log_variance_clip").GetDouble(),
            KlWeight = o.GetProperty("kl_weight").GetDouble(),
        };
        using var model = new ConvVaeTrainableModel(options);
        golden.LoadInto(model.Network);
        Tensor x = golden.Input();

        TorchGoldens.AssertClose(golden.Array("output").Values, model.Reconstruct(x).data<float>().ToArray(), Forward, "conv VAE eval forward");
        // Eval mode: z = μ, so the loss has no random draw and the KL term is compared on its own.
        model.Network.eval();
        TrainingLoss loss = model.Loss(x);
        loss.Total.backward();
        TorchGoldens.AssertScalar(golden.Loss("recon"), Part(loss, "recon"), LossTolerance, "conv VAE MSE");
        TorchGoldens.AssertScalar(golden.Loss("kl"), Part(loss, "kl"), 1e-4, "conv VAE KL term");
        TorchGoldens.AssertScalar(golden.Loss("total"), loss.Total.item<float>(), LossTolerance, "conv VAE total (MSE + kl_weight × KL)");
        golden.AssertGradients(model.Network, Gradient);
    }

    [Fact]
    public void Vqvae2_forward_commitment_losses_gradients_and_ema_codebook_update_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var golden = new TorchGoldens("vqvae2");
        JsonElement o = golden.Options;
        var options = new VqVae2Options
        {
            InputChannels = o.GetProperty("input_channels").GetInt32(), InputHeight = o.GetProperty("input_height").GetInt32(),
            InputWidth = o.GetProperty("input_width").GetInt32(), NumHiddens = o.GetProperty("num_hiddens").GetInt32(),
            NumResidualLayers = o.GetProperty("num_residual_layers").GetInt32(), NumResidualHiddens = o.GetProperty("num_residual_hiddens").GetInt32(),
            NumEmbeddingsBottom = o.GetProperty("num_embeddings_bottom").GetInt32(), NumEmbeddingsTop = o.GetProperty("num_embeddings_top").GetInt32(),
            EmbeddingDim = o.GetProperty("embedding_dim").GetInt32(), CommitmentCost = o.GetProperty("commitment_cost").GetDouble(),
            Decay = o.GetProperty("decay").GetDouble(), Epsilon = o.GetProperty("epsilon").GetDouble(),
        };
        using var model = new VqVae2TrainableModel(options);
        golden.LoadInto(model.Network);
        Tensor x = golden.Input();

        TorchGoldens.AssertClose(golden.Array("output").Values, model.Reconstruct(x).data<float>().ToArray(), Forward, "VQ-VAE-2 eval forward");
        model.Network.train();
        TrainingLoss loss = model.Loss(x);
        loss.Total.backward();
        TorchGoldens.AssertScalar(golden.Loss("recon"), Part(loss, "recon"), LossTolerance, "VQ-VAE-2 MSE");
        TorchGoldens.AssertScalar(golden.Loss("vq"), Part(loss, "vq"), 1e-4, "VQ-VAE-2 commitment losses (both levels)");
        TorchGoldens.AssertScalar(golden.Loss("perplexity_b"), Part(loss, "perplexity_b"), 1e-5, "bottom code perplexity");
        TorchGoldens.AssertScalar(golden.Loss("total"), loss.Total.item<float>(), LossTolerance, "VQ-VAE-2 total loss");
        golden.AssertGradients(model.Network, Gradient);
        golden.AssertBuffersAfterStep(model.Network, Forward);
    }
}
