using System.Text.Json;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Models.VqVae2;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Training;

/// <summary>The loss of one batch: the total to minimise and its named parts (scalars, same graph).</summary>
/// <param name="Total">Scalar tensor to back-propagate.</param>
/// <param name="Parts">Named scalar components for progress reports (e.g. "recon", "kl", "vq").</param>
public sealed record TrainingLoss(Tensor Total, IReadOnlyList<(string Name, Tensor Value)> Parts);

/// <summary>
/// Glue between a network in <c>Models/</c> and the trainer/scorer: its loss, its reconstruction, the shape of one
/// input sample and its options (serialised into checkpoints). The network itself stays a plain TorchSharp module.
/// </summary>
public abstract class TrainableModel : IDisposable
{
    /// <summary>Which autoencoder this is.</summary>
    public abstract ModelKind Kind { get; }

    /// <summary>The TorchSharp module (owned).</summary>
    public abstract nn.Module Network { get; }

    /// <summary>Shape of one input sample, e.g. <c>[640]</c> or <c>[1, 128, 320]</c>.</summary>
    public abstract int[] SampleShape { get; }

    /// <summary>The model options as JSON (stored in checkpoints, compared on load).</summary>
    public abstract JsonElement OptionsJson { get; }

    /// <summary>Training loss of <paramref name="batch"/> <c>[B, ..SampleShape]</c> (network in training mode).</summary>
    public abstract TrainingLoss Loss(Tensor batch);

    /// <summary>Reconstruction of <paramref name="batch"/> in eval mode, same shape; no gradient.</summary>
    public Tensor Reconstruct(Tensor batch)
    {
        Network.eval();
        using var noGrad = no_grad();
        return ((nn.Module<Tensor, Tensor>)Network).forward(batch);
    }

    /// <summary>Moves the network to <paramref name="device"/>.</summary>
    public void MoveTo(Device device) => Network.to(device);

    /// <summary>The device of the network's first parameter.</summary>
    public Device Device => Network.parameters().First().device;

    /// <summary>Creates an untrained model of <paramref name="kind"/> from JSON options (null = the kind's defaults).</summary>
    /// <exception cref="ArgumentException">Options that do not parse or validate.</exception>
    public static TrainableModel Create(ModelKind kind, JsonElement? options = null) => kind switch
    {
        ModelKind.VqVae2 => new VqVae2TrainableModel(Parse(options, VqVae2Options.Default)),
        ModelKind.ConvVae => new ConvVaeTrainableModel(Parse(options, ConvVaeOptions.Default)),
        ModelKind.DenseAutoencoder => new DenseAutoencoderTrainableModel(Parse(options, DenseAutoencoderOptions.Dcase2020Baseline)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model kind"),
    };

    /// <summary>Serialises options the way checkpoints store them.</summary>
    public static JsonElement ToJson<T>(T options) => JsonSerializer.SerializeToElement(options, CheckpointJson.Options);

    private static T Parse<T>(JsonElement? json, T fallback)
    {
        if (json is null) return fallback;
        try
        {
            return json.Value.Deserialize<T>(CheckpointJson.Options) ?? fallback;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Model options do not parse as {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Network.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>VQ-VAE-2: loss = MSE(reconstruction, input) + commitment losses of both levels.</summary>
public sealed class VqVae2TrainableModel : TrainableModel
{
    private readonly VqVae2Options options;

    /// <summary>A new network with <paramref name="options"/>.</summary>
    public VqVae2TrainableModel(VqVae2Options options) : this(new VqVae2Network(options))
    {
    }

    /// <summary>Wraps an existing network (e.g. one imported from PyTorch); takes ownership.</summary>
    public VqVae2TrainableModel(VqVae2Network network)
    {
        Model = network;
        options = network.Options;
    }

    /// <summary>The network.</summary>
    public VqVae2Network Model { get; }

    /// <inheritdoc />
    public override ModelKind Kind => ModelKind.VqVae2;

    /// <inheritdoc />
    public override nn.Module Network => Model;

    /// <inheritdoc />
    public override int[] SampleShape => [options.InputChannels, options.InputHeight, options.InputWidth];

    /// <inheritdoc />
    public override JsonElement OptionsJson => ToJson(options);

    /// <inheritdoc />
    public override TrainingLoss Loss(Tensor batch)
    {
        VqVae2Output output = Model.Run(batch);
        Tensor reconstruction = nn.functional.mse_loss(output.Reconstruction, batch);
        Tensor vq = output.Bottom.CommitmentLoss + output.Top.CommitmentLoss;
        return new TrainingLoss(reconstruction + vq, [("recon", reconstruction), ("vq", vq), ("perplexity_b", output.Bottom.Perplexity), ("perplexity_t", output.Top.Perplexity)]);
    }
}

/// <summary>Conv VAE: loss = per-pixel MSE + KlWeight × KL(q(z|x) ‖ N(0, I)) per input pixel.</summary>
public sealed class ConvVaeTrainableModel(ConvVaeOptions options) : TrainableModel
{
    /// <summary>The network.</summary>
    public ConvVaeNetwork Model { get; } = new(options);

    /// <inheritdoc />
    public override ModelKind Kind => ModelKind.ConvVae;

    /// <inheritdoc />
    public override nn.Module Network => Model;

    /// <inheritdoc />
    public override int[] SampleShape => [options.InputChannels, options.InputHeight, options.InputWidth];

    /// <inheritdoc />
    public override JsonElement OptionsJson => ToJson(options);

    /// <inheritdoc />
    public override TrainingLoss Loss(Tensor batch)
    {
        ConvVaeOutput output = Model.Run(batch);
        Tensor reconstruction = nn.functional.mse_loss(output.Reconstruction, batch);
        // KL per sample, summed over latent dimensions, then spread over the input pixels so that it weighs against
        // the per-pixel MSE as in the (unit-variance Gaussian) ELBO.
        long pixels = batch.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        Tensor kl = (-0.5 * (1 + output.LogVariance - output.Mean.pow(2) - output.LogVariance.exp())).sum(1).mean() / pixels;
        return new TrainingLoss(reconstruction + options.KlWeight * kl, [("recon", reconstruction), ("kl", kl)]);
    }
}

/// <summary>Dense autoencoder: loss = MSE over the 640-value context vectors (DCASE 2020 baseline).</summary>
public sealed class DenseAutoencoderTrainableModel(DenseAutoencoderOptions options) : TrainableModel
{
    /// <summary>The network.</summary>
    public DenseAutoencoderNetwork Model { get; } = new(options);

    /// <inheritdoc />
    public override ModelKind Kind => ModelKind.DenseAutoencoder;

    /// <inheritdoc />
    public override nn.Module Network => Model;

    /// <inheritdoc />
    public override int[] SampleShape => [options.InputDim];

    /// <inheritdoc />
    public override JsonElement OptionsJson => ToJson(options);

    /// <inheritdoc />
    public override TrainingLoss Loss(Tensor batch)
    {
        Tensor loss = nn.functional.mse_loss(Model.forward(batch), batch);
        return new TrainingLoss(loss, [("recon", loss)]);
    }
}
