using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

public class SyntheticDatasetTests
{
    [Fact]
    public void Same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var temp = new TempFolder();
        SyntheticDataset.Generate(temp.File("a"), DataTestTrees.Tiny(seed: 11));
        SyntheticDataset.Generate(temp.File("b"), DataTestTrees.Tiny(seed: 11));
        SyntheticDataset.Generate(temp.File("c"), DataTestTrees.Tiny(seed: 12));
        var files = Directory.GetFiles(temp.File("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.File("a"), f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(temp.File("b"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.File("b"), f)).Order());
        Assert.All(files, f => Assert.True(File.ReadAllBytes(Path.Combine(temp.File("a"), f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.File("b"), f))), f));
        string clip = Path.Combine("fan", "train", "normal_id_00_00000000.wav");
        Assert.False(File.ReadAllBytes(Path.Combine(temp.File("a"), clip)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.File("c"), clip))));
    }

    [Fact]
    public void Dataset_has_the_dcase2020_layout_counts_format_and_ground_truth()
    {
        using var temp = new TempFolder();
        var truths = SyntheticDataset.Generate(temp.Path, DataTestTrees.Tiny());
        DatasetScan scan = DatasetScanner.Scan(temp.Path);
        Assert.Equal(DatasetLayout.Dcase2020, scan.Layout);
        Assert.Equal(0, scan.Unmatched.Count);
        Assert.Equal([temp.File(SyntheticDataset.GroundTruthFolder)], scan.SkippedFolders);
        Assert.Equal(6, scan.Select("fan", DataSplit.Train).Count);
        Assert.Equal(4, scan.Select("fan", DataSplit.Test, ClipLabel.Anomaly).Count);
        Assert.Equal(4, truths.Count);
        WavHeader header = WavReader.ReadHeader(scan.Clips[0].Path);
        Assert.Equal((16000, 1, 16, 48000L), (header.SampleRate, header.ChannelCount, header.BitsPerSample, header.FrameCount));

        foreach (ClipRecord clip in scan.Select("fan", DataSplit.Test, ClipLabel.Anomaly))
        {
            SyntheticAnomalyTruth truth = SyntheticDataset.ReadTruth(temp.Path, clip)!;
            Assert.Equal($"fan/test/{clip.FileName}", truth.Clip);
            Assert.Equal(clip.MachineId == "id_00" ? SyntheticAnomalyKind.ImpulseTrain : SyntheticAnomalyKind.HarmonicShift, truth.Kind);
            Assert.InRange(truth.Segments.Count, 1, 3);
            Assert.All(truth.Segments, s => Assert.True(s[0] >= 0 && s[1] > s[0] && s[1] <= 3.0));
            float[,] mask = SyntheticDataset.ReadMask(temp.Path, clip);
            Assert.Equal([128, 94], truth.MaskShape);
            Assert.Equal((128, 94), (mask.GetLength(0), mask.GetLength(1)));
            AssertMaskMatchesTruth(mask, truth, LogMelOptions.Torchaudio);
        }
        Assert.Null(SyntheticDataset.ReadTruth(temp.Path, scan.Select("fan", DataSplit.Test, ClipLabel.Normal)[0]));
    }

    private static void AssertMaskMatchesTruth(float[,] mask, SyntheticAnomalyTruth truth, LogMelOptions grid)
    {
        double melMax = MelFilterbank.HzToMel(8000, MelScale.Htk);
        int marked = 0;
        for (int m = 0; m < mask.GetLength(0); m++)
        {
            double centre = MelFilterbank.MelToHz(melMax * (m + 1) / 129, MelScale.Htk);
            for (int t = 0; t < mask.GetLength(1); t++)
            {
                if (mask[m, t] == 0) continue;
                marked++;
                double time = t * 512 / 16000.0;
                Assert.Contains(truth.Segments, s => time >= s[0] && time <= s[1]);
                Assert.InRange(centre, truth.BandLowHz - 200, truth.BandHighHz + 200);
            }
        }
        Assert.True(marked > 0, $"{truth.Clip}: empty mask");
    }

    [Fact]
    public void Mask_marks_band_rows_and_segment_frames_on_the_default_grid()
    {
        float[] mask = SyntheticDataset.Mask(3000, 3500, [[1.0, 2.0]], LogMelOptions.Torchaudio, 160000, out int frames);
        Assert.Equal(313, frames);
        var rows = Enumerable.Range(0, 128).Where(m => mask[m * frames + 40] == 1).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, Enumerable.Range(0, 128).Count(m => mask[m * frames + 45] == 1));
        Assert.All(Enumerable.Range(0, 128), m => Assert.Equal(0, mask[m * frames + 20])); // 0.64 s: before the segment
        Assert.All(Enumerable.Range(0, 128), m => Assert.Equal(0, mask[m * frames + 70])); // 2.24 s: after it
        // Frames 32 (1.024 s) .. 62 (1.984 s) are inside [1, 2] s.
        Assert.Equal(31 * rows.Count, mask.Count(v => v == 1));
    }

    [Fact]
    public void EnsureDefault_generates_once_through_a_temporary_folder()
    {
        using var temp = new TempFolder();
        var options = DataTestTrees.Tiny() with { MachineIds = [0], TrainClipsPerId = 1, TestNormalClipsPerId = 1, TestAnomalyClipsPerId = 1 };
        string root = SyntheticDataset.EnsureDefault(options, temp.Path);
        string description = Path.Combine(root, SyntheticDataset.DescriptionFileName);
        Assert.True(File.Exists(description));
        DateTime written = File.GetLastWriteTimeUtc(description);
        Assert.Equal(root, SyntheticDataset.EnsureDefault(options, temp.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(description));
        Assert.Equal([root], Directory.GetDirectories(temp.Path));
    }

    [Fact]
    public void EnsureDefault_replaces_an_interrupted_folder_without_description()
    {
        using var temp = new TempFolder();
        var options = DataTestTrees.Tiny() with { MachineIds = [0], TrainClipsPerId = 1, TestNormalClipsPerId = 1, TestAnomalyClipsPerId = 1 };
        string root = SyntheticDataset.EnsureDefault(options, temp.Path);
        File.Delete(Path.Combine(root, SyntheticDataset.DescriptionFileName));
        File.WriteAllText(Path.Combine(root, "junk.txt"), "half-written");
        Assert.Equal(root, SyntheticDataset.EnsureDefault(options, temp.Path));
        Assert.False(File.Exists(Path.Combine(root, "junk.txt")));
        Assert.True(File.Exists(Path.Combine(root, SyntheticDataset.DescriptionFileName)));
    }

    [Fact]
    public void Invalid_options_name_every_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticDataset.Generate("unused", new SyntheticDatasetOptions { MachineIds = [1, 1], DurationSeconds = 1, MachineTypes = ["a__b"] }));
        Assert.Contains("distinct", e.Message);
        Assert.Contains("DurationSeconds", e.Message);
        Assert.Contains("'__'", e.Message);
    }
}
