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
        int status = Run("masks", "show", "--preset", "narrow-band-few-segments", "--count", "3", "--seed", "7", "--out", folder.Path);
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
        Assert.Equal(0, Run("masks", "score", "--machine", "pump", "--preset", "proposed", "--out", folder.Path));
        string[] lines = File.ReadAllLines(folder.File("agreement.csv"));
        Assert.Equal("preset,machine_id,mel,time,run_length,band_width,score", lines[0]);
        Assert.Equal(4, lines.Length);
        // Each row holds the library's agreement of the preset with that id's excess map, component by component.
        var maps = RealExcessMaps.Load(AnomalyLab.Data.SyntheticDataset.EnsureDefault(), "pump", AnomalyLab.Features.LogMelOptions.Torchaudio);
        var expected = MaskAgreement.Table([MaskStrategies.Profile(MaskStrategies.Resolve("proposed"))], maps);
        Assert.Equal(expected.Count, lines.Length - 1);
        foreach (var (line, score) in lines.Skip(1).Zip(expected))
        {
            string[] cells = line.Split(',');
            double[] values = cells.Skip(2).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(score.MachineId, cells[1]);
            Assert.Equal([score.Mel, score.Time, score.RunLength, score.BandWidth, score.Score], values);
            Assert.Equal(values.Take(4).Average(), values[4], 12);
        }
        Assert.Contains("run lengths", File.ReadAllText(folder.File("index.html")));
    }

    [Fact]
    public void An_unknown_preset_is_a_one_line_error_with_exit_code_2()
    {
        using var folder = new TempFolder();
        Assert.Equal(2, Run("masks", "show", "--preset", "wide-bands", "--out", folder.Path));
        Assert.False(File.Exists(folder.File("index.html")));
    }

    private static int Run(params string[] args)
    {
        object? result = Assembly.Load("AnomalyLab.Cli").EntryPoint!.Invoke(null, [args]);
        return result is Task<int> task ? task.GetAwaiter().GetResult() : (int)result!;
    }
}
