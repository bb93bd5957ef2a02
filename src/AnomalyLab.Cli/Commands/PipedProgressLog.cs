using System.Globalization;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// Progress of named stages as plain lines, for stdout that is not a terminal (CI logs, <c>| tee</c>): a stage prints a line
/// when it crosses a new multiple of 10 % and at least <see cref="MinimumInterval"/> has passed since its last line (at most
/// <see cref="MaxIntermediateLines"/> such lines per run), and always one final <c>stage: 100% (done/total) in 1.2 s</c>;
/// <see cref="Complete"/> closes stages still open and ends with the total elapsed time. Out-of-order reports from parallel
/// workers never move a stage backwards. Thread-safe.
/// </summary>
internal sealed class PipedProgressLog(TextWriter output, Func<TimeSpan> clock)
{
    /// <summary>Smallest step between two intermediate lines of a stage, percent.</summary>
    public const int StepPercent = 10;

    /// <summary>Intermediate (not 100 %) lines allowed in one run, so a long run's log stays short.</summary>
    public const int MaxIntermediateLines = 20;

    /// <summary>Shortest time between two lines of one stage; quick stages print only their 100 % line.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(10);

    private sealed class Stage(TimeSpan started)
    {
        public TimeSpan Started { get; } = started;
        public TimeSpan LastLine { get; set; } = started;
        public long Done { get; set; }
        public long Total { get; set; }
        public int LastStep { get; set; }
        public bool Finished { get; set; }
        public string? Detail { get; set; }
    }

    private readonly Dictionary<string, Stage> _stages = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Lock _gate = new();
    private readonly TimeSpan _started = clock();
    private int _intermediateLines;

    /// <summary>A log on <see cref="Console.Out"/> timed by a monotonic stopwatch.</summary>
    public static PipedProgressLog ForConsole()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        return new PipedProgressLog(Console.Out, () => watch.Elapsed);
    }

    /// <summary>
    /// Stage <paramref name="name"/> has done <paramref name="done"/> of <paramref name="total"/> units; <paramref name="detail"/>
    /// (e.g. "epoch 3/50 loss 0.12") is kept and appended to the stage's next printed line.
    /// </summary>
    public void Report(string name, long done, long total, string? detail)
    {
        lock (_gate)
        {
            TimeSpan now = clock();
            if (!_stages.TryGetValue(name, out Stage? stage))
            {
                _stages[name] = stage = new Stage(now);
                _order.Add(name);
            }
            if (stage.Finished) return;
            if (detail is not null) stage.Detail = detail;
            stage.Total = Math.Max(total, 1);
            stage.Done = Math.Max(stage.Done, done);
            if (stage.Done >= stage.Total)
            {
                Finish(name, stage, now);
                return;
            }
            int step = (int)(stage.Done * 100 / stage.Total) / StepPercent * StepPercent;
            if (step > stage.LastStep && now - stage.LastLine >= MinimumInterval && _intermediateLines < MaxIntermediateLines)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {step}% ({stage.Done}/{stage.Total}){Suffix(stage)}"));
                output.Flush();
                stage.LastStep = step;
                stage.LastLine = now;
                _intermediateLines++;
            }
        }
    }

    /// <summary>Ends the run: every stage still open gets its 100 % line (the work is done), then the total elapsed time.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            TimeSpan now = clock();
            foreach (string name in _order)
                if (!_stages[name].Finished) Finish(name, _stages[name], now);
            output.WriteLine($"done in {Seconds(now - _started)}");
            output.Flush();
        }
    }

    private void Finish(string name, Stage stage, TimeSpan now)
    {
        stage.Finished = true;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: 100% ({stage.Done}/{stage.Total}) in {Seconds(now - stage.Started)}{Suffix(stage)}"));
        output.Flush();
    }

    private static string Suffix(Stage stage) => stage.Detail is { Length: > 0 } detail ? ", " + detail : "";

    /// <summary>Stage <paramref name="name"/> has done <paramref name="done"/> of <paramref name="total"/> units.</summary>
    public void Report(string name, long done, long total) => Report(name, done, total, null);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
