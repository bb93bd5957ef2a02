using System.Globalization;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Masks;
using AnomalyLab.Plots;
using AnomalyLab.Tests.TestSupport;
using Xunit.Abstractions;

namespace AnomalyLab.Tests.Masks;

/// <summary>
/// The acceptance claim of the fitted preset, against EVERY other preset (the three seed presets and Perlin): fitted on some ids of a
/// type, it agrees better with the ids it never saw. Checked on the real slider sample (leave one id out, and fit on two / score on
/// two) and on the embedded synthetic fan and pump (leave one id out = fit on two, score on one), with bootstrap intervals over the
/// held-out clips; and no table may claim a win its interval does not show.
/// </summary>
public sealed class FittedPresetHeldOutTests(ITestOutputHelper output)
{
    private static readonly BootstrapOptions Bootstrap = new() { Replicates = 50, Seed = 0 };

    [SharedDataFact]
    public void Real_slider_fitted_preset_beats_every_other_preset_on_held_out_ids_on_average()
    {
        var clips = RealExcessMaps.LoadClips(RepoPaths.Shared("dcase2020-task2-dev-sample"), "slider", LogMelOptions.Torchaudio);
        Assert.Equal(["id_00", "id_02", "id_04", "id_06"], clips.Select(c => c.MachineId).ToArray());
        var loio = Report("slider leave-one-id-out", HeldOutComparison.LeaveOneIdOut("slider", clips, bootstrap: Bootstrap));
        var pairs = Report("slider fit-on-two", HeldOutComparison.FitOnTwo("slider", clips, bootstrap: Bootstrap));
        Assert.Equal(6, pairs.Count);
        // Measured (docs/masks.md): mean margin over the best other preset +0.0176 (leave-one-id-out; id_06 lost to Perlin) and
        // +0.0088 (fit-on-two; ids 04/06 lost to Perlin when fitted on 00/02).
        Assert.True(loio.Average(f => f.Margin) >= 0.005, $"leave-one-id-out mean margin {loio.Average(f => f.Margin):F4}");
        Assert.True(pairs.Average(f => f.Margin) >= 0.005, $"fit-on-two mean margin {pairs.Average(f => f.Margin):F4}");
    }

    [Theory]
    [InlineData("fan")]
    [InlineData("pump")]
    public void Synthetic_default_fitted_on_two_ids_beats_every_other_preset_on_the_third(string machine)
    {
        var clips = RealExcessMaps.LoadClips(SyntheticDataset.EnsureDefault(), machine, LogMelOptions.Torchaudio);
        Assert.Equal(3, clips.Count);
        var folds = Report($"{machine} leave-one-id-out", HeldOutComparison.LeaveOneIdOut(machine, clips, bootstrap: Bootstrap));
        // Measured: margins +0.019 to +0.033 on every fold.
        Assert.All(folds, f => Assert.True(f.Margin >= 0.005, $"held out {string.Join(",", f.HeldOutIds)}: fitted {f.FittedScore:F4} vs {f.BestOther} {f.Score(f.BestOther):F4}"));
    }

    private IReadOnlyList<HeldOutComparison> Report(string name, IReadOnlyList<HeldOutComparison> folds)
    {
        foreach (var f in folds)
            Assert.Equal(["Current", "Proposed", "NarrowBandFewSegments", "Perlin"], f.Others.ToArray());
        TableFigure table = MaskReports.HeldOutTable(folds);
        output.WriteLine(name);
        output.WriteLine(table.ToString());
        output.WriteLine(MaskReports.ContributionTable(folds).ToString());
        foreach (string line in MaskReports.HeldOutFindings(folds, name)) output.WriteLine(line);
        AssertClaimsMatchNumbers(table);
        return folds;
    }

    /// <summary>Every "fitted wins" row has a positive margin and an interval above 0; every interval holds its margin.</summary>
    internal static void AssertClaimsMatchNumbers(TableFigure table)
    {
        int margin = table.Columns.ToList().IndexOf("margin"), interval = table.Columns.ToList().IndexOf("interval"), outcome = table.Columns.ToList().IndexOf("outcome");
        foreach (var row in table.Rows.Where(r => r[interval] is string s && s.StartsWith('[')))
        {
            double m = (double)row[margin]!;
            double[] bounds = ((string)row[interval]!).Trim('[', ']').Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            bool claimed = ((string)row[outcome]!) == "fitted wins";
            Assert.Equal(claimed, m > 0 && bounds[0] > 0);
        }
    }
}
