namespace AnomalyLab.Runtime;

/// <summary>
/// Holds .NET finalizers back while TorchSharp works. TorchSharp 0.107 converts numbers to temporary <c>Scalar</c> objects
/// (<c>x.pow(2)</c>, <c>t * 0.5</c>, and throughout its own Adam) and passes their native handles to libtorch without keeping
/// the objects alive; if a garbage collection started by <em>another</em> thread runs their finalizers during the native call,
/// libtorch reads a freed scalar (<c>INTERNAL ASSERT FAILED at "c10/core/Scalar.h"</c>). A notebook kernel always has other
/// threads allocating, so training there failed at random. While a pause is open the finalizer thread waits inside one
/// finalizer of our own, so no finalizer — a Scalar's included — can run; the objects are finalized afterwards.
/// <para>
/// Pauses nest and may come from several threads. The first one parks the finalizer thread (one full collection); it stays
/// parked for <see cref="Grace"/> after the last pause ends, so many short pauses (one per scored clip) cost nothing more.
/// Finalizers run again after that, or when no <see cref="Heartbeat"/> came for <see cref="StallLimit"/> while a pause is
/// open (a thread that waits for pending finalizers — TorchSharp does on an allocation failure — is then stalled, never
/// deadlocked).
/// </para>
/// </summary>
public sealed class FinalizerPause : IDisposable
{
    /// <summary>How long the finalizers stay held while a pause is open but no <see cref="Heartbeat"/> comes. Two minutes.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(2);

    /// <summary>How long the finalizer thread stays parked after the last pause ended. Five seconds.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static readonly Lock Gate = new();
    private static int open;
    private static int parked;
    private static long lastBeat;
    private static long idleSince;
    private bool disposed;

    private FinalizerPause()
    {
    }

    /// <summary>True while the finalizer thread is parked by a pause (or within its grace period).</summary>
    public static bool Holding => Volatile.Read(ref parked) == 1;

    /// <summary>Opens a pause; the first one parks the finalizer thread (waiting up to 10 s for it). Dispose to end it.</summary>
    public static FinalizerPause Begin()
    {
        lock (Gate)
        {
            Heartbeat();
            open++;
            if (Volatile.Read(ref parked) == 0)
            {
                var started = new ManualResetEventSlim(false);
                Park(started);
                GC.Collect();
                // If the finalizer thread is busy elsewhere the pause protects nothing until it parks, but nothing breaks.
                started.Wait(TimeSpan.FromSeconds(10));
            }
            return new FinalizerPause();
        }
    }

    /// <summary>Tells an open pause that work is still going on (once per training step or batch).</summary>
    public static void Heartbeat() => Interlocked.Exchange(ref lastBeat, Environment.TickCount64);

    /// <summary>Ends this pause.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed) return;
            disposed = true;
            if (--open == 0) idleSince = Environment.TickCount64;
        }
    }

    // In its own method so that no local of Begin keeps the blocker reachable.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Park(ManualResetEventSlim started) => _ = new Blocker(started);

    /// <summary>True when the parked finalizer thread should go back to work (called by it under the lock).</summary>
    private static bool ShouldRelease()
    {
        long now = Environment.TickCount64;
        return open == 0 ? now - idleSince >= Grace.TotalMilliseconds : now - Interlocked.Read(ref lastBeat) >= StallLimit.TotalMilliseconds;
    }

    private sealed class Blocker(ManualResetEventSlim started)
    {
        ~Blocker()
        {
            // A blocker that arrives while another is parked has nothing to do.
            if (Interlocked.CompareExchange(ref parked, 1, 0) != 0) return;
            try
            {
                started.Set();
            }
            catch (ObjectDisposedException)
            {
                // Begin stopped waiting already.
            }
            while (true)
            {
                Thread.Sleep(50);
                lock (Gate)
                {
                    if (!ShouldRelease()) continue;
                    Volatile.Write(ref parked, 0);
                    return;
                }
            }
        }
    }
}
