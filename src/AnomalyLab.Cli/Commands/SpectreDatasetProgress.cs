using AnomalyLab.Data;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>Shows library <see cref="DatasetProgress"/> reports as Spectre.Console progress bars, one per stage; safe from parallel workers.</summary>
internal sealed class SpectreDatasetProgress(ProgressContext context) : IProgress<DatasetProgress>
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Report(DatasetProgress value)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(value.Stage, out ProgressTask? task))
            {
                task = context.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.Total));
                _tasks.Add(value.Stage, task);
            }
            if (value.Total > 0) task.MaxValue = value.Total;
            if (value.Done > task.Value) task.Value = value.Done;
        }
    }

    /// <summary>Runs <paramref name="work"/> with a progress display and returns its result.</summary>
    public static T Run<T>(Func<IProgress<DatasetProgress>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => result = work(new SpectreDatasetProgress(context)));
        return result;
    }
}
