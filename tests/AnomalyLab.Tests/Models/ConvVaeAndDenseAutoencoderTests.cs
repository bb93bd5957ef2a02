using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Models;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class ConvVaeAndDenseAutoencoderTests
{
    [Fact]
    public void Conv_vae_reconstructs_the_configured_size_and_is_deterministic_in_eval_mode()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var options = ConvVaeOptions.Small with { InputHeight = 64, InputWidth = 96, LatentDim = 5 };
        using var network = new ConvVaeNetwork(options);
        Tensor x = randn(3, 1, 64, 96);
        network.eval();
        ConvVaeOutput a = network.Run(x);
        ConvVaeOutput b = network.Run(x);
        Assert.Equal(x.shape, a.Reconstruction.shape);
        Assert.Equal(new long[] { 3, 5 }, a.Mean.shape);
        Assert.True(a.Reconstruction.allclose(b.Reconstruction, rtol: 0, atol: 0));
        network.train();
        Assert.False(network.Run(x).Reconstruction.allclose(a.Reconstruction, rtol: 0, atol: 0));
    }

    [Fact]
    public void Conv_vae_clips_the_log_variance()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var options = ConvVaeOptions.Small with { InputHeight = 32, InputWidth = 32, LogVarianceClip = 0.001 };
        using var network = new ConvVaeNetwork(options);
        ConvVaeOutput output = network.Run(randn(2, 1, 32, 32) * 1000);
        Assert.True(output.LogVariance.abs().max().item<float>() <= 0.001f + 1e-7f);
    }

    [Fact]
    public void Conv_vae_options_refuse_sizes_the_strides_cannot_halve()
    {
        var error = Assert.Throws<ArgumentException>(() => (ConvVaeOptions.Small with { InputHeight = 100 }).Validate());
        Assert.Contains("InputHeight", error.Message);
    }

    [Fact]
    public void Dense_autoencoder_is_the_dcase_2020_baseline_shape()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        using var network = new DenseAutoencoderNetwork(DenseAutoencoderOptions.Dcase2020Baseline);
        var linear = network.named_parameters().Where(p => p.name.EndsWith(".weight") && p.parameter.dim() == 2).Select(p => p.parameter.shape).ToArray();
        long[] widths = [640, 128, 128, 128, 128, 8, 128, 128, 128, 128, 640];
        Assert.Equal(widths.Length - 1, linear.Length);
        for (int i = 0; i < linear.Length; i++) Assert.Equal(new[] { widths[i + 1], widths[i] }, linear[i]);
        Assert.Equal(9, network.modules().Count(m => m is TorchSharp.Modules.BatchNorm1d));
        network.eval();
        Assert.Equal(new long[] { 4, 640 }, network.forward(randn(4, 640)).shape);
    }
}
