using System.Text.Json;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Models;

/// <summary>
/// One network's PyTorch golden (tests/goldens/training_goldens.py): the state dict our module is loaded with, a fixed
/// batch, PyTorch's eval output, the losses and gradients of one training step, and the buffers after that step.
/// </summary>
internal sealed class TorchGoldens
{
    private readonly string name;

    public TorchGoldens(string name)
    {
        this.name = name;
        Manifest = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("training", name + ".json"))).RootElement.Clone();
    }

    public JsonElement Manifest { get; }

    public JsonElement Options => Manifest.GetProperty("options");

    public double Loss(string key) => Manifest.GetProperty("losses").GetProperty(key).GetDouble();

    public NpyArray Array(string suffix) => NpyFile.Read(RepoPaths.Goldens("training", $"{name}_{suffix}.npy"));

    /// <summary>The golden batch as a tensor of its stored shape.</summary>
    public Tensor Input()
    {
        NpyArray input = Array("input");
        return tensor(input.Values, input.Shape.Select(s => (long)s).ToArray());
    }

    /// <summary>Copies PyTorch's state into <paramref name="module"/>; the names must be exactly the module's (same architecture).</summary>
    public void LoadInto(nn.Module module)
    {
        float[] flat = Array("state").Values;
        Dictionary<string, Tensor> state = module.state_dict();
        var entries = Manifest.GetProperty("state").EnumerateArray().ToList();
        Assert.Equal(entries.Select(e => e.GetProperty("name").GetString()!).Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
        using var noGrad = no_grad();
        foreach (JsonElement e in entries)
        {
            Tensor destination = state[e.GetProperty("name").GetString()!];
            long[] shape = e.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
            Assert.Equal(shape, destination.shape);
            int offset = e.GetProperty("offset").GetInt32(), count = (int)shape.Aggregate(1L, (a, b) => a * b);
            using Tensor source = tensor(flat.AsSpan(offset, count).ToArray(), shape);
            using Tensor typed = source.to(destination.dtype);
            destination.copy_(typed);
        }
    }

    /// <summary>Every parameter's gradient against PyTorch's, in PyTorch's parameter order (names must match).</summary>
    public void AssertGradients(nn.Module module, double relative)
    {
        float[] expected = Array("grads").Values;
        // One scale for all gradients: a bias feeding a batch norm has a gradient of zero up to rounding (~1e-8).
        double scale = expected.Max(v => Math.Abs((double)v));
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        int offset = 0;
        foreach (JsonElement p in Manifest.GetProperty("parameters").EnumerateArray())
        {
            string key = p.GetProperty("name").GetString()!;
            Tensor grad = parameters[key].grad ?? throw new Xunit.Sdk.XunitException($"{name}: no gradient reached {key}");
            float[] actual = grad.data<float>().ToArray();
            AssertClose(expected.AsSpan(offset, actual.Length).ToArray(), actual, relative, $"{name} gradient of {key}", scale);
            offset += actual.Length;
        }
        Assert.Equal(expected.Length, offset);
    }

    /// <summary>The buffers listed under "after" against their values after PyTorch's training-mode forward.</summary>
    public void AssertBuffersAfterStep(nn.Module module, double relative)
    {
        float[] expected = Array("after").Values;
        Dictionary<string, Tensor> state = module.state_dict();
        int offset = 0;
        foreach (JsonElement b in Manifest.GetProperty("after").EnumerateArray())
        {
            string key = b.GetProperty("name").GetString()!;
            using Tensor asFloat = state[key].to(ScalarType.Float32);
            float[] actual = asFloat.data<float>().ToArray();
            AssertClose(expected.AsSpan(offset, actual.Length).ToArray(), actual, relative, $"{name} buffer {key} after one training step");
            offset += actual.Length;
        }
        Assert.Equal(expected.Length, offset);
    }

    /// <summary>|actual − expected| ≤ relative × scale element-wise; scale defaults to max(max |expected|, 1e-3).</summary>
    public static void AssertClose(float[] expected, float[] actual, double relative, string what, double? scaleOverride = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = scaleOverride ?? Math.Max(expected.Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max(), 1e-3);
        double worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).DefaultIfEmpty(0).Max();
        Assert.True(worst <= relative * scale, $"{what}: max |difference| {worst:G3} > {relative:G1} × scale {scale:G3}");
    }

    /// <summary>Scalars agree to <paramref name="relative"/> of the PyTorch value.</summary>
    public static void AssertScalar(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: PyTorch {expected:G9}, ours {actual:G9} (relative tolerance {relative:G1})");
}
