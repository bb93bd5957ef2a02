using AnomalyLab.Data;

namespace AnomalyLab.Cli.Commands;

/// <summary>Shows library <see cref="StageProgress"/> reports through <see cref="StageProgressDisplay"/>, one line or bar per stage; safe from parallel workers.</summary>
internal static class SpectreDatasetProgress
{
    /// <summary>Runs <paramref name="work"/> with a progress display (bars on a terminal, plain lines when piped) and returns its result.</summary>
    public static T Run<T>(Func<IProgress<StageProgress>, T> work) =>
        StageProgressDisplay.Run(report => work(new SynchronousProgress<StageProgress>(p => report(p.Stage, p.Done, p.Total))));
}
