using AnomalyLab.Cli.Commands;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Cli;

/// <summary>Issue 18: output read in a CI log or through <c>| tee</c> — no wrapping, few progress lines, always 100 % and the elapsed time.</summary>
public sealed class PipedOutputTests
{
    private sealed class FakeClock
    {
        public TimeSpan Now { get; set; }
    }

    private static (PipedProgressLog Log, StringWriter Output, FakeClock Clock) NewLog()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        return (new PipedProgressLog(output, () => clock.Now), output, clock);
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void A_stage_reported_every_unit_prints_at_most_every_10_percent_and_ends_with_100_percent_and_its_time()
    {
        var (log, output, clock) = NewLog();
        for (int done = 1; done <= 1000; done++)
        {
            clock.Now += TimeSpan.FromSeconds(1); // slow stage: the time rule never holds a line back
            log.Report("fan: log-mel", done, 1000);
        }
        log.Complete();
        string[] lines = Lines(output);
        Assert.Equal(["fan: log-mel: 10% (100/1000)", "fan: log-mel: 20% (200/1000)", "fan: log-mel: 30% (300/1000)", "fan: log-mel: 40% (400/1000)",
            "fan: log-mel: 50% (500/1000)", "fan: log-mel: 60% (600/1000)", "fan: log-mel: 70% (700/1000)", "fan: log-mel: 80% (800/1000)",
            "fan: log-mel: 90% (900/1000)", "fan: log-mel: 100% (1000/1000) in 999.0 s", "done in 1000.0 s"], lines);
    }

    [Fact]
    public void Quick_stages_print_only_their_100_percent_line_and_parallel_reports_never_go_backwards()
    {
        var (log, output, clock) = NewLog();
        foreach (int done in new[] { 3, 1, 2, 5, 4, 6, 7, 9, 8 })
        {
            clock.Now += TimeSpan.FromMilliseconds(100);
            log.Report("pump: study", done, 10);
        }
        log.Report("pump: study", 10, 10);
        log.Report("pump: study", 9, 10); // a late report after the end changes nothing
        log.Complete();
        Assert.Equal(["pump: study: 100% (10/10) in 0.8 s", "done in 0.9 s"], Lines(output));
    }

    [Fact]
    public void A_detail_such_as_epoch_and_loss_rides_on_the_stage_lines()
    {
        var (log, output, clock) = NewLog();
        for (int step = 1; step <= 4; step++)
        {
            clock.Now += TimeSpan.FromSeconds(20);
            log.Report("train dense-ae", step, 4, $"epoch {step}/4 loss {1.0 / step:0.00}");
        }
        log.Complete();
        Assert.Equal(["train dense-ae: 50% (2/4), epoch 2/4 loss 0.50", "train dense-ae: 70% (3/4), epoch 3/4 loss 0.33", "train dense-ae: 100% (4/4) in 60.0 s, epoch 4/4 loss 0.25", "done in 80.0 s"], Lines(output));
    }

    [Fact]
    public void A_stage_whose_count_never_reaches_its_total_is_closed_at_100_percent_by_complete()
    {
        var (log, output, clock) = NewLog();
        log.Report("synthesising", 95, 100);
        clock.Now = TimeSpan.FromSeconds(2.5);
        log.Complete();
        Assert.Equal(["synthesising: 100% (95/100) in 2.5 s", "done in 2.5 s"], Lines(output));
    }

    [Fact]
    public void Intermediate_lines_are_capped_per_run_so_many_long_stages_stay_short()
    {
        var (log, output, clock) = NewLog();
        for (int stage = 0; stage < 12; stage++)
            for (int done = 1; done <= 100; done++)
            {
                clock.Now += TimeSpan.FromSeconds(1);
                log.Report($"type{stage}: log-mel", done, 100);
            }
        log.Complete();
        string[] lines = Lines(output);
        Assert.Equal(PipedProgressLog.MaxIntermediateLines + 12 + 1, lines.Length);
        Assert.Equal(12, lines.Count(l => l.Contains(": 100% (100/100) in ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Training_progress_goes_through_the_one_adapter_as_a_preparation_stage_and_a_step_stage_with_epoch_and_losses()
    {
        var (log, output, clock) = NewLog();
        var (training, preparation) = StageProgressDisplay.TrainingStages(log.Report, "features", "train dense-ae");
        for (int file = 1; file <= 4; file++)
        {
            clock.Now += TimeSpan.FromSeconds(1);
            preparation.Report(new AnomalyLab.Data.StageProgress("log-mel", file, 4));
        }
        for (int step = 1; step <= 4; step++)
        {
            clock.Now += TimeSpan.FromSeconds(20);
            bool endOfEpoch = step % 2 == 0;
            training.Report(new AnomalyLab.Training.TrainingProgress((step + 1) / 2, 2, step, 4, 1.0 / step, [("kl", 0.5)], 1e-3, endOfEpoch ? 0.75 : null, endOfEpoch));
        }
        log.Complete();
        Assert.Equal(["features: 100% (4/4) in 3.0 s", "train dense-ae: 50% (2/4), epoch 1/2 loss 0.5 val 0.75 kl 0.5",
            "train dense-ae: 70% (3/4), epoch 2/2 loss 0.3333 val 0.75 kl 0.5", "train dense-ae: 100% (4/4) in 60.0 s, epoch 2/2 loss 0.25 val 0.75 kl 0.5", "done in 84.0 s"], Lines(output));
    }

    [Theory]
    [InlineData(null, ConsoleWidth.Unwrapped)]
    [InlineData("", ConsoleWidth.Unwrapped)]
    [InlineData("abc", ConsoleWidth.Unwrapped)]
    [InlineData("5", ConsoleWidth.Unwrapped)]
    [InlineData("200", 200)]
    public void Redirected_output_is_unwrapped_unless_columns_asks_for_a_width(string? columns, int expected) =>
        Assert.Equal(expected, ConsoleWidth.ForRedirected(columns));

    [Fact]
    public void Piped_study_prints_whole_words_whole_paths_few_progress_lines_and_ends_each_stage_at_100_percent()
    {
        using var folder = new TempFolder();
        string output = folder.File("a folder with a rather long name so that an 80-column wrap would cut it", "study-report");
        var result = CliRunner.Run(new Dictionary<string, string?> { ["COLUMNS"] = null }, "study", "--machine", "fan", "--ids", "id_00,id_02", "--out", output);

        Assert.True(result.ExitCode == 0, result.StandardError);
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        int end = Array.FindIndex(lines, l => l.StartsWith("done in ", StringComparison.Ordinal));
        Assert.True(end > 0, result.StandardOutput);
        string[] progress = lines[..(end + 1)];
        Assert.InRange(progress.Length, 2, 40);
        Assert.Matches(@"^done in \d+\.\d s$", progress[^1]);
        foreach (string stage in progress[..^1].Select(l => l[..l.LastIndexOf(": ", StringComparison.Ordinal)]).Distinct())
            Assert.Contains(progress, l => l.StartsWith(stage + ": 100% (", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, @" in \d+\.\d s$"));
        Assert.DoesNotContain(progress, l => System.Text.RegularExpressions.Regex.IsMatch(l, @": (9[1-9]|[1-8][1-9])% "));
        // The table: every row on one line (a wrapped cell would leave a row of blanks or a cut word such as "stationa").
        string[] rows = lines.Where(l => l.StartsWith('│')).ToArray();
        Assert.Equal(1 + 2, rows.Length);
        Assert.All(rows[1..], row => Assert.Matches(@"^│ fan/id_0[02] +│ \d+\+\d+ +│ mel \d+ \([\d.]+ k?Hz\), [\d.]+ s \(frame \d+\) +│", row));
        Assert.Contains(lines, l => l.Contains($"Report: {Path.Combine(output, "index.html")};", StringComparison.Ordinal));
    }

    [Fact]
    public void The_old_preset_option_still_works_with_a_deprecation_note_and_the_new_name_without_one()
    {
        using var folder = new TempFolder();
        string wav = folder.File("tone.wav");
        var tone = new float[16000];
        for (int i = 0; i < tone.Length; i++) tone[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
        AnomalyLab.Audio.WavWriter.Write(wav, tone, 16000, channels: 1);

        var old = CliRunner.Run("features", wav, "--preset", "dcase2020-baseline", "--out", folder.File("old.npy"));
        var current = CliRunner.Run("features", wav, "--features", "dcase2020-baseline", "--out", folder.File("new.npy"));

        Assert.True(old.ExitCode == 0, old.StandardError);
        Assert.Contains("note: --preset is deprecated here; use --features", old.StandardError);
        Assert.True(current.ExitCode == 0, current.StandardError);
        Assert.DoesNotContain("deprecated", current.StandardError);
        Assert.Equal(File.ReadAllBytes(folder.File("old.npy")), File.ReadAllBytes(folder.File("new.npy")));
    }

    [Fact]
    public void Masks_take_the_mask_preset_as_mask_preset_and_note_the_old_spelling()
    {
        using var folder = new TempFolder();
        var old = CliRunner.Run("masks", "show", "--preset", "perlin", "--count", "2", "--out", folder.File("old"));
        var current = CliRunner.Run("masks", "show", "--mask-preset", "perlin", "--count", "2", "--out", folder.File("new"));

        Assert.True(old.ExitCode == 0, old.StandardError);
        Assert.Contains("note: --preset is deprecated here; use --mask-preset", old.StandardError);
        Assert.True(current.ExitCode == 0, current.StandardError);
        Assert.DoesNotContain("deprecated", current.StandardError);
        Assert.Equal(File.ReadAllBytes(folder.File("old", "masks.npy")), File.ReadAllBytes(folder.File("new", "masks.npy")));
    }
}
