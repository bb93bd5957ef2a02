using AnomalyLab.Models.VqVae2;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Models;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class VqVae2NetworkTests
{
    private static readonly VqVae2Options Tiny = VqVae2Options.Small with { InputHeight = 32, InputWidth = 64 };

    [Fact]
    public void Default_options_follow_the_seed_settings()
    {
        VqVae2Options o = VqVae2Options.Default;
        Assert.Equal((128, 2, 64, 1024, 4096, 128), (o.NumHiddens, o.NumResidualLayers, o.NumResidualHiddens, o.NumEmbeddingsBottom, o.NumEmbeddingsTop, o.EmbeddingDim));
        Assert.Equal((0.25, 0.99, 1e-5), (o.CommitmentCost, o.Decay, o.Epsilon));
    }

    [Fact]
    public void Encode_gives_quarter_and_eighth_grids_and_decode_restores_the_input_shape()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = new VqVae2Network(VqVae2Options.Small);
        network.eval();
        Tensor x = randn(2, 1, 128, 320);
        var (bottom, top) = network.Encode(x);
        Assert.Equal(new long[] { 2, 16, 32, 80 }, bottom.shape);
        Assert.Equal(new long[] { 2, 16, 16, 40 }, top.shape);
        Assert.Equal(x.shape, network.DecodeGeneral(bottom, top).shape);
        Assert.Equal(x.shape, network.forward(x).shape);
    }

    [Fact]
    public void Quantized_vectors_are_codewords_and_only_training_moves_the_codebook()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var network = new VqVae2Network(Tiny);
        Tensor x = randn(2, 1, 32, 64);
        Tensor before = network.BottomQuantizer.Codebook.clone();
        network.eval();
        VqVae2Output output = network.Run(x);
        Assert.True(before.allclose(network.BottomQuantizer.Codebook, rtol: 0, atol: 0));
        Tensor vectors = output.Bottom.Quantized.permute(0, 2, 3, 1).reshape(-1, Tiny.EmbeddingDim);
        Tensor codes = network.BottomQuantizer.Codebook.index_select(0, output.Bottom.Indices.reshape(-1));
        Assert.True(vectors.allclose(codes, rtol: 1e-5, atol: 1e-5));
        network.train();
        network.Run(x);
        Assert.False(before.allclose(network.BottomQuantizer.Codebook, rtol: 0, atol: 0));
    }

    [Fact]
    public void Straight_through_passes_the_reconstruction_gradient_to_the_bottom_encoder()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var network = new VqVae2Network(Tiny);
        network.train();
        Tensor x = randn(2, 1, 32, 64);
        VqVae2Output output = network.Run(x);
        nn.functional.mse_loss(output.Reconstruction, x).backward();
        Tensor firstConvGrad = network.named_parameters().First(p => p.name.StartsWith("encoder_b.")).parameter.grad!;
        Assert.True(firstConvGrad.abs().sum().item<float>() > 0);
        // EMA codebooks are buffers: no parameter named after a quantiser.
        Assert.DoesNotContain(network.named_parameters(), p => p.name.StartsWith("vq_"));
    }

    [Fact]
    public void Inputs_of_the_wrong_shape_are_refused_with_both_shapes()
    {
        using var network = new VqVae2Network(Tiny);
        using var x = zeros(1, 1, 30, 64);
        var error = Assert.Throws<ArgumentException>(() => network.forward(x));
        Assert.Contains("30", error.Message);
    }
}
