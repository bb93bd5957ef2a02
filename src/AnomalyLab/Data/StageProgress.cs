namespace AnomalyLab.Data;

/// <summary>
/// Progress of a long library operation (dataset generation, downloads, feature extraction, a study, scoring), the one
/// progress type of the library's APIs, reported through <see cref="IProgress{T}"/>. The library reports it synchronously on
/// the working thread (possibly several worker threads at once) and never through <see cref="Progress{T}"/>, which posts to the
/// thread pool: reports would arrive out of order, after the call returned, and on threads a TorchSharp caller does not expect.
/// </summary>
/// <param name="Stage">What is running, e.g. <c>synthesising</c>, <c>fan/train log-mel</c>, <c>downloading dev_data_fan.zip</c>.</param>
/// <param name="Done">Units finished (clips, ids, or bytes when downloading).</param>
/// <param name="Total">Units in all; 0 when unknown.</param>
public readonly record struct StageProgress(string Stage, long Done, long Total)
{
    /// <summary>An <see cref="IProgress{T}"/> that calls <paramref name="report"/> at once on the reporting thread.</summary>
    public static IProgress<StageProgress> Reporter(Action<StageProgress> report) => new Synchronous(report);

    /// <summary>
    /// Reports of an inner operation forwarded synchronously to <paramref name="outer"/> with the stage renamed by
    /// <paramref name="stage"/>; null when <paramref name="outer"/> is null.
    /// </summary>
    public static IProgress<StageProgress>? Forward(IProgress<StageProgress>? outer, Func<string, string> stage) =>
        outer is null ? null : new Synchronous(p => outer.Report(p with { Stage = stage(p.Stage) }));

    private sealed class Synchronous(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
