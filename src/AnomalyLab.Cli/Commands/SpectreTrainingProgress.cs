using AnomalyLab.Data;
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
    /// Runs <paramref name="run"/> with (training progress, preparation progress) wired to the display
    /// and returns its result.
    /// </summary>
    public static T Run<T>(string preparationLabel, string trainingLabel, Func<IProgress<TrainingProgress>, IProgress<StageProgress>, T> run)
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
                    // Extraction reports come from several workers at once: one at a time into the display.
                    new SynchronousProgress<StageProgress>(p =>
                    {
                        lock (preparation)
                        {
                            preparation.MaxValue = Math.Max(1, p.Total);
                            preparation.Value = p.Done;
                            context.Refresh();
                        }
                    }));
                preparation.StopTask();
                steps.StopTask();
                context.Refresh();
            });
        return result;
    }

    // Piped stdout: plain lines (at most every 10 %, 100 % and the time at the end) carrying epoch and losses.
    private static T RunPiped<T>(string preparationLabel, string trainingLabel, Func<IProgress<TrainingProgress>, IProgress<StageProgress>, T> run)
    {
        PipedProgressLog log = PipedProgressLog.ForConsole();
        string lastValidation = "";
        T result = run(
            new SynchronousProgress<TrainingProgress>(p =>
            {
                if (p.EndOfEpoch) lastValidation = p.ValidationLoss is { } v ? $" val {v:G4}" : "";
                string parts = string.Concat(p.Parts.Select(x => $" {x.Name} {x.Value:G4}"));
                log.Report(trainingLabel, p.Step, p.TotalSteps, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:G4}{lastValidation}{parts}");
            }),
            new SynchronousProgress<StageProgress>(p =>
            {
                lock (log) log.Report(preparationLabel, p.Done, Math.Max(1, p.Total));
            }));
        log.Complete();
        return result;
    }
}
