using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

public class TrainTestSetTests
{
    [Fact]
    public void Frame_length_rule_crops_pads_and_rounds_up()
    {
        Assert.Equal(320, FrameLengthRule.Seed.StorageFrames);
        Assert.Equal(313, FrameLengthRule.Unpadded.StorageFrames);
        Assert.Equal(0, FrameLengthRule.Seed.CropStart(344));
        Assert.Equal(15, (FrameLengthRule.Seed with { Anchor = CropAnchor.Centre }).CropStart(344));
        Assert.Equal(0, (FrameLengthRule.Seed with { Anchor = CropAnchor.Centre }).CropStart(200));
        Assert.Throws<ArgumentException>(() => (FrameLengthRule.Seed with { PadToMultipleOf = 0 }).Validate());
    }

    [Fact]
    public void Long_and_short_clips_follow_the_rule()
    {
        using var temp = new TempFolder();
        DataTestTrees.WriteTone(temp.File("toy", "test", "normal_id_01_00000000.wav"), seconds: 11);
        DataTestTrees.WriteTone(temp.File("toy", "test", "anomaly_id_01_00000000.wav"), seconds: 2);
        DatasetScan scan = DatasetScanner.Scan(temp.Path);
        var options = FeatureExtractionOptions.Default with { UseCache = false, Length = FrameLengthRule.Seed with { Anchor = CropAnchor.Centre } };
        FeatureBlock block = ClipFeatureExtractor.Extract(scan.Clips, options);
        int longIndex = scan.Clips.ToList().FindIndex(c => c.Label == ClipLabel.Normal);
        Assert.Equal(313, block.RealFrames[longIndex]);
        Assert.Equal(63, block.RealFrames[1 - longIndex]);
        float[,] full = new LogMelExtractor(LogMelOptions.Torchaudio).ExtractFile(scan.Clips[longIndex].Path);
        Assert.Equal(344, full.GetLength(1));
        Assert.Equal(full[10, 15], block[longIndex, 10, 0]);
        Assert.Equal(full[10, 15 + 312], block[longIndex, 10, 312]);
    }

    [Fact]
    public void Statistics_exclude_padding_and_standardise_real_frames_only()
    {
        var clips = new[] { Clip("a"), Clip("b") };
        var buffer = new float[2 * 2 * 4];
        // clip 0: 3 real frames, clip 1: 2 real frames; the padding holds 1000 which must not count.
        float[] c0 = [1, 2, 3, 1000, 10, 20, 30, 1000];
        float[] c1 = [4, 5, 1000, 1000, 40, 50, 1000, 1000];
        c0.CopyTo(buffer, 0);
        c1.CopyTo(buffer, 8);
        var block = new FeatureBlock(buffer, 2, 4, clips, [3, 2]);
        Standardiser perMel = Standardiser.Fit([block], Standardisation.PerMel);
        Assert.Equal([3f, 30f], perMel.Mean);
        Assert.Equal((float)Math.Sqrt(2), perMel.Std[0], 5);
        Standardiser global = Standardiser.Fit([block], Standardisation.Global);
        Assert.Equal(16.5f, Assert.Single(global.Mean), 4);
        perMel.ApplyInplace(block, padValue: -1);
        Assert.Equal((1 - 3) / (float)Math.Sqrt(2), block[0, 0, 0], 5);
        Assert.Equal(-1f, block[0, 0, 3]);
        Assert.Equal(-1f, block[1, 1, 2]);
        Assert.Equal(0f, block[1, 1, 0] + block[1, 1, 1] - (40 - 30) / perMel.Std[1] - (50 - 30) / perMel.Std[1], 4);
    }

    [Fact]
    public void Global_statistics_are_the_two_pass_float64_mean_and_std_of_the_real_cells_and_one_log_mel_is_standardised_alike()
    {
        var rng = new Random(3);
        var buffer = new float[3 * 4 * 6];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (float)(-40 + 15 * rng.NextDouble());
        var block = new FeatureBlock(buffer, 4, 6, [Clip("a"), Clip("b"), Clip("c")], [6, 4, 5]);
        // Reference: every real value in clip, mel, frame order; mean, then the squared deviations (numpy's x.mean(), x.std()).
        var real = new List<float>();
        for (int c = 0; c < 3; c++)
            for (int m = 0; m < 4; m++)
                for (int t = 0; t < block.RealFrames[c]; t++) real.Add(block[c, m, t]);
        double sum = 0;
        foreach (float v in real) sum += v;
        double mean = sum / real.Count, squares = 0;
        foreach (float v in real) squares += (v - mean) * (v - mean);
        Standardiser global = Standardiser.Fit([block], Standardisation.Global);
        Assert.Equal(mean, global.GlobalMean);
        Assert.Equal(Math.Sqrt(squares / real.Count), global.GlobalStd);

        float[,] clip = block.ClipArray(1, realOnly: true);
        float[,] copy = global.Transform(clip);
        Assert.Equal(block[1, 2, 3], clip[2, 3]);
        Assert.Equal((block[1, 2, 3] - (float)mean) * (float)(1.0 / global.GlobalStd), copy[2, 3]);
        global.ApplyInplace(block);
        Assert.Equal(block[1, 2, 3], copy[2, 3]);
        Assert.Equal(0f, block[1, 2, 5]);
        Assert.Equal(Standardiser.Global(mean, global.GlobalStd), global);
        Assert.Throws<ArgumentException>(() => Standardiser.Global(0, 0));
        Assert.Throws<InvalidOperationException>(() => new Standardiser(Standardisation.PerMel, [1, 2], [1, 1]).GlobalMean);
        Assert.Equal((0.0, 1.0), (Standardiser.None.GlobalMean, Standardiser.None.GlobalStd));
    }

    [Fact]
    public void Statistics_round_trip_and_bad_files_name_the_problem()
    {
        using var temp = new TempFolder();
        var statistics = new Standardiser(Standardisation.PerMel, [1, 2], [3, 4]);
        statistics.Save(temp.File("stats.json"));
        Standardiser loaded = Standardiser.Load(temp.File("stats.json"));
        Assert.Equal(statistics.Mode, loaded.Mode);
        Assert.Equal(statistics.Mean, loaded.Mean);
        File.WriteAllText(temp.File("bad.json"), "{\"Mode\":\"Global\",\"Mean\":[1,2],\"Std\":[1,2]}");
        var e = Assert.Throws<InvalidDataException>(() => Standardiser.Load(temp.File("bad.json")));
        Assert.Contains(temp.File("bad.json"), e.Message);
        Assert.Contains("need 1 value", e.Message);
        var mismatch = Assert.Throws<ArgumentException>(() => statistics.ApplyInplace(new FeatureBlock(new float[12], 3, 4, [Clip("x")], [4])));
        Assert.Contains("2 mel bands", mismatch.Message);
    }

    [Fact]
    public void Multi_type_train_set_has_composite_ids_and_statistics_for_the_test_set()
    {
        using var temp = new TempFolder();
        SyntheticDataset.Generate(temp.File("data"), DataTestTrees.Tiny() with { MachineTypes = ["fan", "pump"] });
        DatasetScan scan = DatasetScanner.Scan(temp.File("data"));
        var features = new FeatureExtractionOptions { CacheFolder = temp.File("cache") };
        var train = TrainSet.Load(scan, null, new TrainSetOptions { Features = features, Standardisation = Standardisation.PerMel });
        Assert.Equal(["fan__id_00", "fan__id_02", "pump__id_00", "pump__id_02"], train.CompositeIds);
        Assert.Equal(12, train.Count);
        Assert.Equal(["fan", "pump"], train.MachineTypes);
        var item = train.Get(7);
        Assert.Equal("pump", item.Clip.MachineType);
        Assert.Equal(train.CompositeIds[item.IdClass], item.Clip.CompositeId);
        Assert.Equal(128 * 320, item.Features.Length);
        Assert.Equal(128, train.Statistics.Mean.Length);
        // Standardised train features: mean 0 per mel over real frames, padding 0.
        Standardiser after = Standardiser.Fit(train.Blocks, Standardisation.PerMel);
        Assert.All(after.Mean, m => Assert.Equal(0f, m, 3));
        Assert.Equal(0f, train["fan"][0, 3, 200]);

        var test = TestSet.Load(scan, ["pump"], features, train.Statistics);
        var groups = test.StackedByIdLabel();
        Assert.Equal(["pump__id_00/Normal", "pump__id_00/Anomaly", "pump__id_02/Normal", "pump__id_02/Anomaly"], groups.Select(g => $"{g.CompositeId}/{g.Label}"));
        Assert.All(groups, g => Assert.Equal(2, g.Features.Count));
        Assert.All(groups, g => Assert.All(g.Features.Clips, c => Assert.Equal((g.MachineId, g.Label), (c.MachineId, c.Label))));
        // Groups are views on the type's block, not copies.
        groups[1].Features[0, 0, 0] = 12345f;
        Assert.Equal(12345f, test.Blocks[0][2, 0, 0]);
    }

    [Fact]
    public void Train_and_test_sets_select_ids_and_clips_per_id_in_path_order()
    {
        using var temp = new TempFolder();
        SyntheticDataset.Generate(temp.File("data"), DataTestTrees.Tiny() with { MachineTypes = ["fan"] });
        DatasetScan scan = DatasetScanner.Scan(temp.File("data"));
        var features = new FeatureExtractionOptions { CacheFolder = temp.File("cache") };
        using var train = TrainSet.Load(scan, ["fan"], new TrainSetOptions { Features = features, MachineIds = ["id_02"], ClipsPerId = 2 });
        var expected = scan.Select("fan", DataSplit.Train, ClipLabel.Normal).Where(c => c.MachineId == "id_02").Take(2).Select(c => c.Path);
        Assert.Equal(expected, train["fan"].Clips.Select(c => c.Path));
        using var test = TestSet.Load(scan, ["fan"], features, select: c => c.MachineId == "id_00");
        Assert.All(test.Blocks[0].Clips, c => Assert.Equal("id_00", c.MachineId));
        Assert.Equal(["Normal", "Anomaly"], test.StackedByIdLabel().Select(g => g.Label.ToString()));
    }

    [SharedDataFact]
    public void Shared_slider_and_ToyCar_test_sets_stack_by_id_and_label()
    {
        using var temp = new TempFolder();
        DatasetScan scan = DatasetScanner.Scan(RepoPaths.Shared("dcase2020-task2-dev-sample"));
        var features = new FeatureExtractionOptions { CacheFolder = temp.Path };
        var test = TestSet.Load(scan, ["ToyCar"], features);
        var groups = test.StackedByIdLabel();
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal([313], g.Features.RealFrames));
        Assert.Equal([1, 128, 320], groups[0].Features.Shape);
        float[,] full = new LogMelExtractor(LogMelOptions.Torchaudio).ExtractFile(groups[0].Features.Clips[0].Path);
        Assert.Equal(344, full.GetLength(1)); // 11 s: cropped to the first 313 frames
        Assert.Equal(full[40, 312], groups[0].Features[0, 40, 312]);
    }

    private static ClipRecord Clip(string name) => new("t", "id_00", ClipDomain.None, DataSplit.Train, ClipLabel.Normal, "0", [], name);
}
