using AnomalyLab.Data;
using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// One progress report: stage <paramref name="stage"/> has done <paramref name="done"/> of <paramref name="total"/> units;
/// <paramref name="detail"/> (e.g. "epoch 3/50 loss 0.12") is shown with the stage.
/// </summary>
internal delegate void StageReport(string stage, long done, long total, string? detail = null);

/// <summary>
/// The CLI's one progress adapter. Progress of named stages (done / total units, optional detail): live Spectre.Console bars on a
/// terminal, <see cref="PipedProgressLog"/> lines when stdout is redirected (no carriage-return redraws or 1 % steps in a log:
/// at most every 10 %, each stage ending with 100 % and its time, then the total elapsed time). Library progress types
/// (<see cref="StageProgress"/>, <see cref="TrainingProgress"/>, counts) are turned into stages here, on the reporting thread.
/// Bars are drawn from the reporting thread only, with no auto-refresh thread: TorchSharp 0.107 passes temporary Scalars to
/// native calls without keeping them alive, so a garbage collection triggered by another thread during a call can finalize a
/// Scalar in use (seen as "toLong ... Expected false to be true" in BatchNorm); training therefore renders from its own thread.
/// </summary>
internal static class StageProgressDisplay
{
    /// <summary>True when stdout is a pipe or file (then output is plain lines and never wrapped).</summary>
    public static bool IsPiped => Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with a stage reporter and returns its result.</summary>
    public static T Run<T>(Func<StageReport, T> work)
    {
        if (IsPiped)
        {
            PipedProgressLog log = PipedProgressLog.ForConsole();
            // Reports may come from several workers at once (feature extraction): one at a time into the log.
            T piped = work((stage, done, total, detail) =>
            {
                lock (log) log.Report(stage, done, total, detail);
            });
            log.Complete();
            return piped;
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoRefresh(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var refreshed = System.Diagnostics.Stopwatch.StartNew();
                result = work((stage, done, total, detail) =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(stage, out ProgressTask? task)) tasks[stage] = task = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, total));
                        task.MaxValue = Math.Max(1, total);
                        if (done > task.Value) task.Value = done;
                        if (detail is not null) task.Description = Markup.Escape($"{stage}: {detail}");
                        if (done >= total) task.StopTask(); // its elapsed time stops with the stage, not with the run
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

    /// <summary>Runs <paramref name="work"/> with a stage reporter and no result.</summary>
    public static void Run(Action<StageReport> work) => Run(report =>
    {
        work(report);
        return 0;
    });

    /// <summary>Runs a dataset operation (synthesis, fetch, verify, feature cache), each <see cref="StageProgress"/> stage shown as one stage.</summary>
    public static T RunDataset<T>(Func<IProgress<StageProgress>, T> work) =>
        Run(report => work(new SynchronousProgress<StageProgress>(p => report(p.Stage, p.Done, p.Total))));

    /// <summary>
    /// Runs a training command's <paramref name="run"/> with (training progress, preparation progress):
    /// a preparation stage (features or patches per file) and a training stage (steps, with epoch, loss, validation loss and
    /// loss parts as detail).
    /// </summary>
    public static T RunTraining<T>(string preparationLabel, string trainingLabel, Func<IProgress<TrainingProgress>, IProgress<StageProgress>, T> run) =>
        Run(report =>
        {
            var (training, preparation) = TrainingStages(report, preparationLabel, trainingLabel);
            return run(training, preparation);
        });

    /// <summary>
    /// Training progress as two stages of <paramref name="report"/>: (training steps with "epoch e/E loss L[ val V][ part P…]" as
    /// detail, preparation units done of their total). Reports on the calling thread.
    /// </summary>
    internal static (IProgress<TrainingProgress> Training, IProgress<StageProgress> Preparation) TrainingStages(
        StageReport report, string preparationLabel, string trainingLabel)
    {
        string lastValidation = "";
        return (
            new SynchronousProgress<TrainingProgress>(p =>
            {
                if (p.EndOfEpoch) lastValidation = p.ValidationLoss is { } v ? $" val {v:G4}" : "";
                string parts = string.Concat(p.Parts.Select(x => $" {x.Name} {x.Value:G4}"));
                report(trainingLabel, p.Step, p.TotalSteps, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:G4}{lastValidation}{parts}");
            }),
            new SynchronousProgress<StageProgress>(p => report(preparationLabel, p.Done, Math.Max(1, p.Total))));
    }
}
