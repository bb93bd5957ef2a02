using AnomalyLab.Runtime;
using TorchSharp;

namespace AnomalyLab.Tests.Runtime;

public sealed class TorchNativeTests
{
    [Fact]
    public void A_tensor_operation_runs_on_the_default_device()
    {
        TorchNative.EnsureLoadable();
        using var a = torch.arange(6, dtype: torch.float32, device: TorchDevice.Default).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new long[] { 2, 2 }, b.shape);
        Assert.Equal(50f, b[1, 1].cpu().item<float>());
    }

    [Fact]
    public void Unknown_device_names_are_refused_with_the_name()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevice.Parse("tpu"));
        Assert.Contains("tpu", error.Message);
    }
}
