namespace AnomalyLab.Cli.Commands;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (System's Progress&lt;T&gt; posts to a thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
