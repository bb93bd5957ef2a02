using System.Runtime.ExceptionServices;

namespace AnomalyLab.Runtime;

/// <summary>
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> for work over files: when bodies fail, the first
/// failure is rethrown as itself (its message names the file) instead of an <see cref="AggregateException"/> of all of them.
/// </summary>
public static class ParallelLoop
{
    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/> on up to <paramref name="maxDegreeOfParallelism"/> threads (null = all cores).</summary>
    public static void For(int count, Action<int> body, int? maxDegreeOfParallelism = null)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
