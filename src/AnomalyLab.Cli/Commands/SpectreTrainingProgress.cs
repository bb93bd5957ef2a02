using AnomalyLab.Training;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// The progress display of a training command: a preparation bar (features or patches per file) and a training bar (steps,
/// epoch, loss, validation loss, loss parts). Rendered from the training thread only, with no auto-refresh thread:
/// TorchSharp 0.107 passes temporary Scalars to native calls without keeping them alive, so a garbage collection triggered
/// by another thread during a call can finalize a Scalar in use (seen as "toLong ... Expected false to be true" in BatchNorm).
/// </summary>
internal static class SpectreTrainingProgress
{
    /// <summary>
    /// Runs <paramref name="run"/> with (training progress, preparation progress, preparation total setter) wired to the display
    /// and returns its result.
    /// </summary>
    public static T Run<T>(string preparationLabel, string trainingLabel, Func<IProgress<TrainingProgress>, IProgress<int>, Action<int>, T> run)
    {
        if (StageProgressDisplay.IsPiped) return RunPiped(preparationLabel, trainingLabel, run);
        T result = default!;
        var refresh = System.Diagnostics.Stopwatch.StartNew();
        AnsiConsole.Progress()
            .AutoRefresh(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask preparation = context.AddTask(preparationLabel, maxValue: 1);
                ProgressTask steps = context.AddTask(trainingLabel, autoStart: false);
                string lastValidation = "";
                result = run(
                    new SynchronousProgress<TrainingProgress>(p =>
                    {
                        if (!steps.IsStarted) steps.StartTask();
                        steps.MaxValue = p.TotalSteps;
                        steps.Value = p.Step;
                        if (p.EndOfEpoch) lastValidation = p.ValidationLoss is { } v ? $" val {v:G4}" : "";
                        string parts = string.Concat(p.Parts.Select(x => $" {x.Name} {x.Value:G4}"));
                        steps.Description = Markup.Escape($"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:G4}{lastValidation}{parts}");
                        if (p.EndOfEpoch || refresh.ElapsedMilliseconds > 200)
                        {
                            context.Refresh();
                            refresh.Restart();
                        }
                    }),
                    new SynchronousProgress<int>(done =>
                    {
                        preparation.Value = done;
                        context.Refresh();
                    }),
                    count => preparation.MaxValue = count);
                preparation.StopTask();
                steps.StopTask();
                context.Refresh();
            });
        return result;
    }

    // Piped stdout: plain lines (at most every 10 %, 100 % and the time at the end) carrying epoch and losses.
    private static T RunPiped<T>(string preparationLabel, string trainingLabel, Func<IProgress<TrainingProgress>, IProgress<int>, Action<int>, T> run)
    {
        PipedProgressLog log = PipedProgressLog.ForConsole();
        long preparationTotal = 1;
        string lastValidation = "";
        T result = run(
            new SynchronousProgress<TrainingProgress>(p =>
            {
                if (p.EndOfEpoch) lastValidation = p.ValidationLoss is { } v ? $" val {v:G4}" : "";
                string parts = string.Concat(p.Parts.Select(x => $" {x.Name} {x.Value:G4}"));
                log.Report(trainingLabel, p.Step, p.TotalSteps, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:G4}{lastValidation}{parts}");
            }),
            new SynchronousProgress<int>(done => log.Report(preparationLabel, done, Interlocked.Read(ref preparationTotal))),
            count => Interlocked.Exchange(ref preparationTotal, Math.Max(1, count)));
        log.Complete();
        return result;
    }
}
