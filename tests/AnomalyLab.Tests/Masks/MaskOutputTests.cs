using AnomalyLab.IO;
using AnomalyLab.Masks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Masks;

/// <summary>
/// The masks writers and the recommendation that the CLI and notebook 02 call: <c>agreement.csv</c>/<c>verdict.csv</c>/<c>index.html</c>
/// as one folder, the <c>masks show</c> folder, and the findings ending with the recommendation.
/// </summary>
public sealed class MaskOutputTests
{
    private static readonly BootstrapOptions Bootstrap = new() { Replicates = 20, Seed = 7 };

    [Fact]
    public void Score_output_writes_agreement_and_verdict_csv_with_one_row_per_score_and_verdict()
    {
        var clips = new[] { PresetComparisonTests.Clips("id_00", 1), PresetComparisonTests.Clips("id_02", 2) };
        var comparison = PresetComparison.Run("toy", MaskStrategies.ComparisonProfiles(64, 160, perlinMasks: 50), clips, Bootstrap);
        using var folder = new TempFolder();
        string target = folder.File("score");

        MaskScoreOutput.Write(target, comparison);

        string[] agreement = File.ReadAllLines(Path.Combine(target, "agreement.csv"));
        Assert.Equal("preset,machine_id,mel,time,run_length,band_width,score", agreement[0]);
        Assert.Equal(comparison.Scores.Count, agreement.Length - 1);
        Assert.StartsWith($"{comparison.Scores[0].Preset},{comparison.Scores[0].MachineId},", agreement[1]);
        string[] verdicts = File.ReadAllLines(Path.Combine(target, "verdict.csv"));
        Assert.Equal("scope,best,best_score,runner_up,runner_up_score,margin,low,high,replicates,seed,wins", verdicts[0]);
        Assert.Equal(comparison.Verdicts().Count, verdicts.Length - 1);
        Assert.All(verdicts[1..], v => Assert.Matches(@"^"".+"",.+,20,7,(true|false)$", v));
        Assert.True(File.Exists(Path.Combine(target, "index.html")));
        Assert.True(File.Exists(Path.Combine(target, AtomicFolder.MarkerFileName)));
        Assert.Equal(string.Join("\n", agreement) + "\n", MaskScoreOutput.AgreementCsv(comparison));
    }

    [Fact]
    public void Show_output_writes_masks_npy_preset_json_and_the_page_and_a_coverage_row_per_mask()
    {
        var strategy = MaskStrategies.Resolve("proposed");
        var masks = strategy.Generate(3, 42);
        using var folder = new TempFolder();
        string target = folder.File("show");

        MaskShowOutput.Write(target, strategy, masks, 42);

        NpyArray written = NpyFile.Read(Path.Combine(target, "masks.npy"));
        Assert.Equal(masks.Shape, written.Shape);
        Assert.True(File.Exists(Path.Combine(target, "preset.json")));
        Assert.True(File.Exists(Path.Combine(target, "index.html")));
        var table = MaskShowOutput.CoverageTable(strategy, masks);
        Assert.Equal(["mask", "coverage", "bottom (nearest)", "bottom (max-pool)"], table.Columns.ToArray());
        Assert.Equal(3, table.Rows.Count);
        Assert.EndsWith("%", (string)table.Rows[0][1]!);
    }

    [Fact]
    public void Fitted_presets_are_written_at_the_path_and_one_per_id_beside_it()
    {
        using var folder = new TempFolder();
        string path = folder.File("slider-preset.json");
        Assert.Equal(folder.File("slider-preset.id_00.json"), FittedPresetFiles.PerIdPath(path, "id_00"));

        var written = FittedPresetFiles.Write(path, AudioBandSegmentOptions.Proposed, [("id_00", AudioBandSegmentOptions.Current), ("id_02", AudioBandSegmentOptions.Proposed)]);

        Assert.Equal([folder.File("slider-preset.id_00.json"), folder.File("slider-preset.id_02.json")], written);
        Assert.Equal(AudioBandSegmentOptions.Proposed.ToJson(), File.ReadAllText(path));
        Assert.Equal(AudioBandSegmentOptions.Current.ToJson(), File.ReadAllText(written[0]));
    }

    [Fact]
    public void Recommendation_is_the_leave_one_id_out_findings_then_the_fit_on_two_findings_as_notebook_02_shows_them()
    {
        // Mirrors notebook 02's last cells: comparison, leave-one-id-out folds, fit-on-two folds (none for fewer than four ids).
        var clips = new[] { PresetComparisonTests.Clips("id_00", 1), PresetComparisonTests.Clips("id_02", 2), PresetComparisonTests.Clips("id_04", 3) };
        var maps = clips.Select(c => c.Map()).ToArray();
        var grid = MaskPresetFitter.Grid(maps);
        var profiles = MaskStrategies.ComparisonProfiles(grid.MelBins, grid.Frames, perlinMasks: 50);
        var comparison = PresetComparison.Run("toy", profiles, clips, Bootstrap);
        var heldOut = HeldOutFolds.Run("toy", clips, bootstrap: Bootstrap);
        Assert.Equal(3, heldOut.LeaveOneIdOut.Count);
        Assert.Empty(heldOut.FitOnTwo);   // three ids: every fit-on-two fold would be a leave-one-id-out fold

        var findings = MaskRecommendation.Findings(comparison, heldOut);

        Assert.Equal(MaskReports.Findings(comparison, heldOut.LeaveOneIdOut, "leave-one-id-out").Concat(MaskReports.HeldOutFindings(heldOut.FitOnTwo, "fit-on-two")), findings);
        Assert.StartsWith("Recommendation: ", findings[^1]);
        Assert.Contains(findings, f => f.StartsWith("leave-one-id-out: ", StringComparison.Ordinal));
    }
}
