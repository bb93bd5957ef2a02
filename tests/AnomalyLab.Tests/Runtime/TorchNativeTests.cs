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

/// <summary>
/// The folder the resolver lays out when TorchSharp is loaded from the NuGet cache (as in the notebook kernel): libtorch
/// sits in another package, so the library must find it beside itself.
/// </summary>
public sealed class TorchNativeFolderTests
{
    private static (string Root, string Original) NuGetCacheLayout(AnomalyLab.Tests.TestSupport.TempFolder folder, byte[] library)
    {
        string native = folder.File("packages", "torchsharp", "0.107.0", "runtimes", "linux-x64", "native");
        string libtorch = folder.File("packages", "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native");
        Directory.CreateDirectory(native);
        Directory.CreateDirectory(libtorch);
        string original = Path.Combine(native, ElfVersionNeedPatcher.TorchSharpNativeFileName);
        File.WriteAllBytes(original, library);
        foreach (string name in (string[])["libtorch.so", "libtorch_cpu.so", "libc10.so", "libgomp-98b21ff3.so.1"]) File.WriteAllText(Path.Combine(libtorch, name), name);
        return (folder.Path, original);
    }

    private static T WithCache<T>(string cache, Func<T> action)
    {
        string? previous = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", cache);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previous);
        }
    }

    [Fact]
    public void Where_no_patch_is_needed_the_library_is_linked_beside_links_to_libtorch()
    {
        using var folder = new AnomalyLab.Tests.TestSupport.TempFolder();
        var (_, original) = NuGetCacheLayout(folder, [0x7f, (byte)'E', (byte)'L', (byte)'F']);
        string library = WithCache(folder.File("cache"), () => TorchNative.PrepareFolder(original, patch: false));
        Assert.StartsWith(folder.File("cache", "anomalylab", "torchsharp-native"), library);
        Assert.Equal(original, new FileInfo(library).LinkTarget);
        string laidOut = Path.GetDirectoryName(library)!;
        foreach (string name in (string[])["libtorch.so", "libtorch_cpu.so", "libc10.so", "libgomp-98b21ff3.so.1"])
            Assert.Equal(name, File.ReadAllText(Path.Combine(laidOut, name)));
    }

    [Fact]
    public void Where_the_system_lacks_the_glibcxx_version_the_library_is_a_patched_copy()
    {
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string shipped = Path.Combine(nuget, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", ElfVersionNeedPatcher.TorchSharpNativeFileName);
        Assert.True(File.Exists(shipped), $"{shipped}: restore puts TorchSharp's native library there");
        using var folder = new AnomalyLab.Tests.TestSupport.TempFolder();
        var (_, original) = NuGetCacheLayout(folder, File.ReadAllBytes(shipped));
        string library = WithCache(folder.File("cache"), () => TorchNative.PrepareFolder(original, patch: true));
        Assert.Null(new FileInfo(library).LinkTarget);
        Assert.Equal(ElfVersionNeedPatcher.NeedState.Weak,
            ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(library), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, library));
        Assert.Equal(ElfVersionNeedPatcher.NeedState.Strong,
            ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(original), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, original));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(library)!, "libc10.so")));
    }
}
