using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Runtime;

namespace AnomalyLab.Tests.Runtime;

/// <summary>While a pause is open no finalizer runs, even when collections happen; afterwards they all run.</summary>
[Collection(nameof(ProcessWideState))] // a pause is process-wide; other tests' TorchSharp work opens pauses of its own
public sealed class FinalizerPauseTests
{
    private static int finalized;

    private sealed class Counted
    {
        ~Counted() => Interlocked.Increment(ref finalized);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Garbage(int count)
    {
        for (int i = 0; i < count; i++) _ = new Counted();
    }

    [Fact]
    public async Task Finalizers_wait_while_a_pause_is_open_and_run_after_its_grace()
    {
        Interlocked.Exchange(ref finalized, 0);
        using (FinalizerPause.Begin())
        {
            Assert.True(FinalizerPause.Holding);
            using (FinalizerPause.Begin())
            {
                Garbage(100);
                // A collection on another thread, as in a notebook kernel.
                await Task.Run(() => GC.Collect());
                Thread.Sleep(300);
                Assert.Equal(0, Volatile.Read(ref finalized));
            }
            Garbage(100);
            GC.Collect();
            Thread.Sleep(300);
            Assert.Equal(0, Volatile.Read(ref finalized));
        }
        SpinWait.SpinUntil(() => !FinalizerPause.Holding, FinalizerPause.Grace + TimeSpan.FromSeconds(10));
        Assert.False(FinalizerPause.Holding);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(200, Volatile.Read(ref finalized));
    }
}
