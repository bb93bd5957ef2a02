using AnomalyLab.Models.VqVae2;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AnomalyLab.Tests.Models;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class DsrAnomalyGeneratorTests
{
    private static readonly VqVae2Options Tiny = VqVae2Options.Small with { InputHeight = 32, InputWidth = 64, NumEmbeddingsBottom = 128, NumEmbeddingsTop = 128 };

    private static (VqVae2Network Network, Tensor Input, Tensor Mask) Setup()
    {
        manual_seed(7);
        var network = new VqVae2Network(Tiny);
        network.eval();
        Tensor input = randn(2, 1, 32, 64);
        Tensor mask = zeros(2, 1, 32, 64);
        mask[.., .., 8..24, 16..40] = tensor(1f);
        return (network, input, mask);
    }

    [Fact]
    public void Same_seed_gives_the_same_anomaly_and_another_seed_another()
    {
        using var scope = NewDisposeScope();
        var (network, input, mask) = Setup();
        using var _ = network;
        var generator = new DsrAnomalyGenerator(network, DsrAnomalyOptions.Default with { Level = DsrLatentLevel.Both });
        Tensor a = generator.Generate(input, mask, seed: 11);
        Tensor b = generator.Generate(input, mask, seed: 11);
        Tensor c = generator.Generate(input, mask, seed: 12);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.False(a.allclose(c, rtol: 0, atol: 0));
    }

    [Theory]
    [InlineData(DsrLatentLevel.Top)]
    [InlineData(DsrLatentLevel.Bottom)]
    [InlineData(DsrLatentLevel.Both)]
    public void Changes_stay_near_the_mask_and_an_empty_mask_changes_nothing(DsrLatentLevel level)
    {
        using var scope = NewDisposeScope();
        var (network, input, mask) = Setup();
        using var _ = network;
        var generator = new DsrAnomalyGenerator(network, DsrAnomalyOptions.Default with { Level = level });
        var (qb, qt) = network.Encode(input);
        Tensor normal = network.DecodeGeneral(qb, qt);

        Tensor unchanged = generator.Generate(input, zeros_like(mask), seed: 1);
        Assert.True(unchanged.allclose(normal, rtol: 1e-5, atol: 1e-5));

        Tensor anomalous = generator.Generate(input, mask, seed: 1);
        Tensor change = (anomalous - normal).abs();
        double inside = change.masked_select(mask.gt(0)).mean().item<float>();
        // Far from the mask (beyond the decoder's receptive field) nothing changes.
        double far = change[.., .., .., 56..].mean().item<float>();
        Assert.True(inside > 0, $"no change inside the mask ({level})");
        Assert.True(far < 1e-6, $"change {far} far from the mask ({level})");
    }

    [Fact]
    public void Latent_masks_equal_the_previous_torch_max_pool_rule()
    {
        using var scope = NewDisposeScope();
        var (network, input, _) = Setup();
        using var _ = network;
        var latents = network.Latents(input);
        // Random sparse masks with values other than 1 (any positive value counts) and isolated pixels at window borders.
        manual_seed(3);
        Tensor mask = rand(2, 1, 32, 64).gt(0.93).to(float32) * 0.5f;
        mask[0, 0, 7, 15] = tensor(2f);
        mask[1, 0, 31, 63] = tensor(1f);
        var (top, bottom) = DsrAnomalyGenerator.LatentMasks(mask, latents.TopQuantized, latents.BottomQuantized);
        Tensor binary = mask.gt(0).to(float32);
        Tensor previousTop = functional.max_pool2d(binary, 8, 8);
        Tensor previousBottom = functional.max_pool2d(binary, 4, 4);
        Assert.Equal(previousTop.shape, top.shape);
        Assert.Equal(previousBottom.shape, bottom.shape);
        Assert.Equal(previousTop.data<float>().ToArray(), top.data<float>().ToArray());
        Assert.Equal(previousBottom.data<float>().ToArray(), bottom.data<float>().ToArray());
        Assert.True(bottom.sum().item<float>() > 0);
    }

    [Fact]
    public void Array_form_matches_the_tensor_form()
    {
        using var scope = NewDisposeScope();
        var (network, input, mask) = Setup();
        using var _ = network;
        var generator = new DsrAnomalyGenerator(network);
        float[] fromArrays = generator.Generate(input.data<float>().ToArray(), mask.data<float>().ToArray(), batch: 2, seed: 5);
        float[] fromTensors = generator.Generate(input, mask, seed: 5).data<float>().ToArray();
        Assert.Equal(fromTensors, fromArrays);
    }
}
