using System.Text.Json;
using AnomalyLab.Models;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Models.VqVae2;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Training;

/// <summary>
/// Glue between a network in <c>Models/</c> and the trainer/scorer: its loss (<c>Models/&lt;Model&gt;/&lt;Model&gt;Loss</c>), its reconstruction, the shape of one
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

    /// <summary>
    /// The small network preset of <paramref name="kind"/> as JSON options for <see cref="Create"/>, for quick runs
    /// (<c>anomalylab train --small</c>): <see cref="VqVae2Options.Small"/> or <see cref="ConvVaeOptions.Small"/>.
    /// Null for a kind without a small preset (the dense autoencoder is already small): its defaults are used.
    /// </summary>
    public static JsonElement? SmallOptions(ModelKind kind) => kind switch
    {
        ModelKind.VqVae2 => ToJson(VqVae2Options.Small),
        ModelKind.ConvVae => ToJson(ConvVaeOptions.Small),
        _ => null,
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

/// <summary>VQ-VAE-2 as a trainable model; loss: <see cref="VqVae2Loss"/>.</summary>
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
    public override TrainingLoss Loss(Tensor batch) => VqVae2Loss.Compute(Model.Run(batch), batch);
}

/// <summary>Conv VAE as a trainable model; loss: <see cref="ConvVaeLoss"/>.</summary>
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
    public override TrainingLoss Loss(Tensor batch) => ConvVaeLoss.Compute(Model.Run(batch), batch, options.KlWeight);
}

/// <summary>Dense autoencoder as a trainable model; loss: <see cref="DenseAutoencoderLoss"/>.</summary>
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
    public override TrainingLoss Loss(Tensor batch) => DenseAutoencoderLoss.Compute(Model.forward(batch), batch);
}
