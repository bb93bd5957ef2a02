using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// Progress of named stages (done / total units): live Spectre.Console bars on a terminal, <see cref="PipedProgressLog"/> lines
/// when stdout is redirected (no carriage-return redraws or 1 % steps in a log). Bars are drawn from the reporting thread
/// only (no auto-refresh thread): TorchSharp calls must not race a background renderer.
/// </summary>
internal static class StageProgressDisplay
{
    /// <summary>True when stdout is a pipe or file (then output is plain lines and never wrapped).</summary>
    public static bool IsPiped => Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with a (stage, done, total) reporter and returns its result.</summary>
    public static T Run<T>(Func<Action<string, long, long>, T> work)
    {
        if (IsPiped)
        {
            PipedProgressLog log = PipedProgressLog.ForConsole();
            T piped = work(log.Report);
            log.Complete();
            return piped;
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoRefresh(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var refreshed = System.Diagnostics.Stopwatch.StartNew();
                result = work((stage, done, total) =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(stage, out ProgressTask? task)) tasks[stage] = task = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, total));
                        task.MaxValue = Math.Max(1, total);
                        if (done > task.Value) task.Value = done;
                        if (done >= total || refreshed.ElapsedMilliseconds > 100)
                        {
                            context.Refresh();
                            refreshed.Restart();
                        }
                    }
                });
                lock (tasks)
                    foreach (ProgressTask task in tasks.Values) task.Value = task.MaxValue;
                context.Refresh();
            });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> with a reporter and no result.</summary>
    public static void Run(Action<Action<string, long, long>> work) => Run(report =>
    {
        work(report);
        return 0;
    });
}
