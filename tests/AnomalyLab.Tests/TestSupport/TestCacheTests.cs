using AnomalyLab.Data;
using AnomalyLab.Tests.Cli;

namespace AnomalyLab.Tests.TestSupport;

/// <summary>Tests never share the user's cache: this process and the CLIs it starts use <see cref="TestCache.Root"/>.</summary>
public sealed class TestCacheTests
{
    [Fact]
    public void The_cache_root_of_tests_and_of_child_processes_is_the_isolated_test_cache()
    {
        Assert.Equal(TestCache.Root, AnomalyLabCache.Root);
        Assert.StartsWith(TestCache.Root + Path.DirectorySeparatorChar, AnomalyLabCache.Synthetic, StringComparison.Ordinal);
        string home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "anomalylab");
        Assert.False(AnomalyLabCache.Root.StartsWith(home, StringComparison.Ordinal), $"tests use {AnomalyLabCache.Root}");
        Assert.Equal(TestCache.Root, Environment.GetEnvironmentVariable("ANOMALYLAB_CACHE"));
    }
}
