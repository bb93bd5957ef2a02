using AnomalyLab.Runtime;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Runtime;

public sealed class ElfVersionNeedPatcherTests
{
    /// <summary>The libLibTorchSharp.so shipped in the TorchSharp package (unpatched), as restored into the NuGet cache.</summary>
    private static string ShippedTorchSharpNative()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", ElfVersionNeedPatcher.TorchSharpNativeFileName);
        Assert.True(File.Exists(path), $"restored TorchSharp native library expected at {path}");
        return path;
    }

    [LinuxFact]
    public void The_shipped_library_needs_the_version_strongly_and_the_patch_makes_it_weak()
    {
        string shipped = ShippedTorchSharpNative();
        using var folder = new TempFolder();
        string copy = folder.File("lib.so");

        Assert.Equal(ElfVersionNeedPatcher.NeedState.Strong,
            ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(shipped), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, shipped));
        Assert.Equal(1, ElfVersionNeedPatcher.PatchFile(shipped, copy, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion));

        byte[] before = File.ReadAllBytes(shipped), after = File.ReadAllBytes(copy);
        Assert.Equal(ElfVersionNeedPatcher.NeedState.Weak, ElfVersionNeedPatcher.Inspect(after, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, copy));
        // Exactly one byte (the low byte of vna_flags) changes.
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(1, before.Zip(after).Count(pair => pair.First != pair.Second));
        // Idempotent: a second patch changes nothing; other versions are untouched.
        Assert.Equal(0, ElfVersionNeedPatcher.PatchFile(copy, copy, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion));
        Assert.Equal(ElfVersionNeedPatcher.NeedState.Strong, ElfVersionNeedPatcher.Inspect(after, "GLIBCXX_3.4.30", copy));
        Assert.Equal(ElfVersionNeedPatcher.NeedState.Absent, ElfVersionNeedPatcher.Inspect(after, "GLIBCXX_9.9.99", copy));
    }

    [LinuxFact]
    public void The_build_output_copy_is_patched_only_when_the_system_lacks_the_version()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", ElfVersionNeedPatcher.TorchSharpNativeFileName);
        Assert.True(File.Exists(output), $"build output should hold {output}");
        var expected = ElfVersionNeedPatcher.SystemLibStdCxxProvides(ElfVersionNeedPatcher.TorchSharpGlibcxxVersion)
            ? ElfVersionNeedPatcher.NeedState.Strong
            : ElfVersionNeedPatcher.NeedState.Weak;
        Assert.Equal(expected, ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(output), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, output));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.Inspect(new byte[100], ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, "notes.txt"));
        Assert.Contains("notes.txt", error.Message);
        Assert.Contains("not an ELF file", error.Message);
    }

    [LinuxFact]
    public void A_truncated_elf_is_refused_not_read_out_of_bounds()
    {
        byte[] head = File.ReadAllBytes(ShippedTorchSharpNative()).AsSpan(0, 4096).ToArray();
        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.Inspect(head, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, "head.so"));
        Assert.Contains("head.so", error.Message);
    }
}
