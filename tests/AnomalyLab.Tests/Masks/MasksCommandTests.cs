using System.Reflection;
using AnomalyLab.IO;
using AnomalyLab.Masks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Masks;

/// <summary><c>anomalylab masks show</c> end to end through the CLI's entry point.</summary>
public sealed class MasksCommandTests
{
    [Fact]
    public void Show_writes_the_page_the_masks_and_the_preset()
    {
        using var folder = new TempFolder();
        int status = Run("masks", "show", "--mask-preset", "narrow-band-few-segments", "--count", "3", "--seed", "7", "--out", folder.Path);
        Assert.Equal(0, status);
        string html = File.ReadAllText(folder.File("index.html"));
        Assert.Contains("(32, 80)", html);
        Assert.Contains("(16, 40)", html);
        var npy = NpyFile.Read(folder.File("masks.npy"));
        Assert.Equal([3, 1, 128, 320], npy.Shape);
        Assert.Equal(new AudioBandSegmentMasks(AudioBandSegmentOptions.NarrowBandFewSegments).Generate(3, 7).Data, npy.Values);
        Assert.Equal(AudioBandSegmentOptions.NarrowBandFewSegments, AudioBandSegmentOptions.Load(folder.File("preset.json")));
    }

    [Fact]
    public void Score_writes_the_four_component_agreement_csv_and_page()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Run("masks", "score", "--machine", "pump", "--mask-preset", "proposed", "--bootstrap", "20", "--out", folder.Path));
        string[] lines = File.ReadAllLines(folder.File("agreement.csv"));
        Assert.Equal("preset,machine_id,mel,time,run_length,band_width,score", lines[0]);
        // Every preset, whatever --preset names: Current, Proposed, NarrowBandFewSegments and Perlin on the 3 pump ids.
        Assert.Equal(1 + 4 * 3, lines.Length);
        Assert.Equal(["Current", "NarrowBandFewSegments", "Perlin", "Proposed"], lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Order().ToArray());
        string[] verdicts = File.ReadAllLines(folder.File("verdict.csv"));
        Assert.Equal(1 + 3 + 1, verdicts.Length);
        // Each row holds the library's agreement of that preset with that id's excess map, component by component.
        var maps = RealExcessMaps.Load(AnomalyLab.Data.SyntheticDataset.EnsureDefault(), "pump", AnomalyLab.Features.LogMelOptions.Torchaudio);
        var grid = MaskPresetFitter.Grid(maps);
        var expected = MaskAgreement.Table(MaskStrategies.ComparisonProfiles(grid.MelBins, grid.Frames, []), maps)
            .ToDictionary(e => (e.Preset, e.MachineId));
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            var score = expected[(cells[0], cells[1])];
            double[] values = cells.Skip(2).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal([score.Mel, score.Time, score.RunLength, score.BandWidth, score.Score], values);
            Assert.Equal(values.Take(4).Average(), values[4], 12);
        }
        Assert.Contains("run lengths", File.ReadAllText(folder.File("index.html")));
    }

    [Fact]
    public void Fit_per_id_writes_the_type_preset_and_one_preset_per_id()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Run("masks", "fit", "--machine", "pump", "--per-id", "--bootstrap", "10", "--out", folder.File("pump.json")));
        var type = AudioBandSegmentOptions.Load(folder.File("pump.json"));
        Assert.Equal("Fitted(pump; id_00,id_02,id_04)", type.Name);
        foreach (string id in new[] { "id_00", "id_02", "id_04" })
        {
            var preset = AudioBandSegmentOptions.Load(folder.File($"pump.{id}.json"));
            Assert.Equal($"Fitted(pump; {id})", preset.Name);
            Assert.Equal((128, 320), (preset.MelBins, preset.Frames));
        }
    }

    [Fact]
    public void An_unknown_preset_is_a_one_line_error_with_exit_code_2()
    {
        using var folder = new TempFolder();
        Assert.Equal(2, Run("masks", "show", "--mask-preset", "wide-bands", "--out", folder.Path));
        Assert.False(File.Exists(folder.File("index.html")));
    }

    private static int Run(params string[] args)
    {
        object? result = Assembly.Load("AnomalyLab.Cli").EntryPoint!.Invoke(null, [args]);
        return result is Task<int> task ? task.GetAwaiter().GetResult() : (int)result!;
    }
}
