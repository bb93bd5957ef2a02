using System.Text.Json;
using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

public class FeatureCacheTests
{
    private sealed class Tree : IDisposable
    {
        public Tree(int trainPerId = 3)
        {
            SyntheticDataset.Generate(Folder.File("data"), DataTestTrees.Tiny() with { TrainClipsPerId = trainPerId });
            Scan = DatasetScanner.Scan(Folder.File("data"));
            Options = new FeatureExtractionOptions { CacheFolder = Folder.File("cache") };
        }

        public TempFolder Folder { get; } = new();
        public DatasetScan Scan { get; }
        public FeatureExtractionOptions Options { get; }
        public IReadOnlyList<ClipRecord> Train => Scan.Select("fan", DataSplit.Train);

        public FeatureBlock Load(out CacheOutcome outcome, FeatureExtractionOptions? options = null) =>
            FeatureCache.LoadOrExtract(Scan.Root, "fan", DataSplit.Train, Train, options ?? Options, out outcome);

        public void Dispose() => Folder.Dispose();
    }

    [Fact]
    public void First_load_builds_second_load_reads_the_same_block()
    {
        using var tree = new Tree();
        FeatureBlock built = tree.Load(out CacheOutcome first);
        FeatureBlock loaded = tree.Load(out CacheOutcome second);
        Assert.Equal(CacheStatus.Built, first.Status);
        Assert.Equal(CacheStatus.Loaded, second.Status);
        Assert.Equal([6, 128, 320], loaded.Shape);
        Assert.Equal(Enumerable.Repeat(94, 6), loaded.RealFrames);
        Assert.True(built.Values.Span.SequenceEqual(loaded.Values.Span));
    }

    [Fact]
    public void Mapped_load_gives_the_same_block_keeps_writes_private_and_rejects_a_corrupt_array()
    {
        using var tree = new Tree();
        FeatureBlock built = tree.Load(out CacheOutcome first);
        var mapOptions = tree.Options with { MapCache = true };
        byte[] onDisk = File.ReadAllBytes(first.ArrayPath!);
        using (FeatureBlock mapped = tree.Load(out CacheOutcome second, mapOptions))
        {
            Assert.Equal(CacheStatus.Loaded, second.Status);
            Assert.True(built.Values.Span.SequenceEqual(mapped.Values.Span));
            mapped.Clip(0).Fill(123f); // copy-on-write: the process sees it, the file does not
            Assert.Equal(123f, mapped[0, 5, 5]);
        }
        Assert.Equal(onDisk, File.ReadAllBytes(first.ArrayPath!));

        // One flipped byte in the data: the mapped load must detect it, rebuild, and return correct values.
        onDisk[^100] ^= 0x40;
        File.WriteAllBytes(first.ArrayPath!, onDisk);
        using FeatureBlock rebuilt = tree.Load(out CacheOutcome third, mapOptions);
        Assert.Equal(CacheStatus.Rebuilt, third.Status);
        Assert.Contains("checksum", third.Reason);
        Assert.True(built.Values.Span.SequenceEqual(rebuilt.Values.Span));
    }

    [Fact]
    public void Cache_is_numpy_readable_with_a_json_index()
    {
        using var tree = new Tree();
        FeatureBlock block = tree.Load(out CacheOutcome outcome);
        NpyArray array = NpyFile.Read(outcome.ArrayPath!);
        Assert.Equal([6, 128, 320], array.Shape);
        Assert.True(array.Values.AsSpan().SequenceEqual(block.Values.Span));
        var (_, indexPath) = FeatureCache.Paths(tree.Scan.Root, "fan", DataSplit.Train, tree.Options);
        using var index = JsonDocument.Parse(File.ReadAllText(indexPath));
        Assert.Equal(64, index.RootElement.GetProperty("Sha256").GetString()!.Length);
        Assert.Equal(6, index.RootElement.GetProperty("Files").GetArrayLength());
        Assert.StartsWith(tree.Options.EffectiveCacheFolder, outcome.ArrayPath);
    }

    [Fact]
    public void Extraction_matches_the_log_mel_extractor_and_leaves_zeros_after_the_real_frames()
    {
        using var tree = new Tree();
        FeatureBlock block = tree.Load(out _);
        float[,] expected = new LogMelExtractor(LogMelOptions.Torchaudio).ExtractFile(tree.Train[2].Path);
        float[,] actual = block.ClipArray(2, realOnly: true);
        Assert.Equal(expected, actual);
        Assert.All(Enumerable.Range(94, 320 - 94), t => Assert.Equal(0f, block[2, 5, t]));
    }

    [Fact]
    public void Other_feature_options_get_their_own_entry_and_leave_the_first_one_intact()
    {
        using var tree = new Tree();
        tree.Load(out CacheOutcome first);
        FeatureBlock block = tree.Load(out CacheOutcome outcome, tree.Options with { LogMel = LogMelOptions.Torchaudio with { NMels = 64 } });
        Assert.Equal(CacheStatus.Built, outcome.Status);
        Assert.Null(outcome.Reason);
        Assert.Equal(64, block.NMels);
        Assert.NotEqual(first.ArrayPath, outcome.ArrayPath);
        tree.Load(out CacheOutcome crop, tree.Options with { Length = FrameLengthRule.Unpadded });
        Assert.Equal(CacheStatus.Built, crop.Status);
        Assert.Equal(CacheStatus.Loaded, (tree.Load(out CacheOutcome again), again).again.Status);
    }

    [Fact]
    public void Alternating_two_option_sets_loads_both_from_the_cache_the_second_time()
    {
        using var tree = new Tree();
        var whole = tree.Options;
        var cropped = tree.Options with { Length = FrameLengthRule.Unpadded };
        FeatureBlock wholeBuilt = tree.Load(out CacheOutcome a1, whole);
        FeatureBlock croppedBuilt = tree.Load(out CacheOutcome b1, cropped);
        FeatureBlock wholeLoaded = tree.Load(out CacheOutcome a2, whole);
        FeatureBlock croppedLoaded = tree.Load(out CacheOutcome b2, cropped);
        Assert.Equal([CacheStatus.Built, CacheStatus.Built, CacheStatus.Loaded, CacheStatus.Loaded], new[] { a1.Status, b1.Status, a2.Status, b2.Status });
        Assert.Equal(a1.ArrayPath, a2.ArrayPath);
        Assert.Equal(b1.ArrayPath, b2.ArrayPath);
        Assert.NotEqual(a1.ArrayPath, b1.ArrayPath);
        Assert.Matches(@"fan_train_[0-9a-f]{8}\.npy$", a1.ArrayPath);
        Assert.True(wholeBuilt.Values.Span.SequenceEqual(wholeLoaded.Values.Span));
        Assert.True(croppedBuilt.Values.Span.SequenceEqual(croppedLoaded.Values.Span));
        // Where the cache lives or how it is read is not part of the entry's name.
        Assert.Equal(FeatureCache.Paths(tree.Scan.Root, "fan", DataSplit.Train, whole),
            FeatureCache.Paths(tree.Scan.Root, "fan", DataSplit.Train, whole with { MapCache = true, MaxDegreeOfParallelism = 1 }));
    }

    [Fact]
    public void An_entry_whose_index_records_other_options_is_rebuilt_with_the_reason()
    {
        // Only reachable when two options sets share the 32-bit file hash: simulated by editing the index.
        using var tree = new Tree();
        tree.Load(out _);
        var (_, indexPath) = FeatureCache.Paths(tree.Scan.Root, "fan", DataSplit.Train, tree.Options);
        var index = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(indexPath))!;
        index["Key"] = "other";
        index["Options"] = "{}";
        File.WriteAllText(indexPath, index.ToJsonString());
        tree.Load(out CacheOutcome outcome);
        Assert.Equal(CacheStatus.Rebuilt, outcome.Status);
        Assert.Equal("feature options changed", outcome.Reason);
    }

    [Fact]
    public void Fill_caches_train_normals_and_every_test_clip_per_type_and_loads_them_the_second_time()
    {
        using var tree = new Tree();
        IReadOnlyList<CacheOutcome> first = FeatureCache.Fill(tree.Scan, null, tree.Options);
        Assert.Equal(tree.Scan.MachineTypes.SelectMany(t => new[] { $"{t}/train: built", $"{t}/test: built" }), first.Select(o => o.ToString()));
        IReadOnlyList<CacheOutcome> second = FeatureCache.Fill(tree.Scan, ["fan", "no-such-type"], tree.Options);
        Assert.Equal(["fan/train: loaded", "fan/test: loaded"], second.Select(o => o.ToString()));
        // The entries are the ones the train (normals) and test (all labels) loads use.
        FeatureCache.LoadOrExtract(tree.Scan.Root, "fan", DataSplit.Test, tree.Scan.Select("fan", DataSplit.Test), tree.Options, out CacheOutcome test);
        FeatureCache.LoadOrExtract(tree.Scan.Root, "fan", DataSplit.Train, tree.Scan.Select("fan", DataSplit.Train, ClipLabel.Normal), tree.Options, out CacheOutcome train);
        Assert.Equal(CacheStatus.Loaded, test.Status);
        Assert.Equal(CacheStatus.Loaded, train.Status);
    }

    [Fact]
    public void Changed_clip_file_rebuilds_naming_the_file()
    {
        using var tree = new Tree();
        tree.Load(out _);
        string path = tree.Train[1].Path;
        DataTestTrees.WriteTone(path, seconds: 3);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        FeatureBlock block = tree.Load(out CacheOutcome outcome);
        Assert.Equal(CacheStatus.Rebuilt, outcome.Status);
        Assert.Contains(Path.GetFileName(path), outcome.Reason);
        Assert.Equal(new LogMelExtractor(LogMelOptions.Torchaudio).ExtractFile(path), block.ClipArray(1, realOnly: true));
    }

    [Fact]
    public void Truncated_array_is_detected_and_rebuilt()
    {
        using var tree = new Tree();
        FeatureBlock original = tree.Load(out CacheOutcome built);
        using (var stream = new FileStream(built.ArrayPath!, FileMode.Open)) stream.SetLength(stream.Length - 1000);
        FeatureBlock rebuilt = tree.Load(out CacheOutcome outcome);
        Assert.Equal(CacheStatus.Rebuilt, outcome.Status);
        Assert.Contains("truncated", outcome.Reason);
        Assert.True(original.Values.Span.SequenceEqual(rebuilt.Values.Span));
        Assert.Equal(CacheStatus.Loaded, (tree.Load(out CacheOutcome again), again).again.Status);
    }

    [Fact]
    public void Flipped_byte_fails_the_checksum_and_is_rebuilt()
    {
        using var tree = new Tree();
        FeatureBlock original = tree.Load(out CacheOutcome built);
        byte[] bytes = File.ReadAllBytes(built.ArrayPath!);
        bytes[^7] ^= 0x40;
        File.WriteAllBytes(built.ArrayPath!, bytes);
        FeatureBlock rebuilt = tree.Load(out CacheOutcome outcome);
        Assert.Equal(CacheStatus.Rebuilt, outcome.Status);
        Assert.Contains("checksum", outcome.Reason);
        Assert.True(original.Values.Span.SequenceEqual(rebuilt.Values.Span));
    }

    [Fact]
    public void Garbage_index_is_rebuilt_not_trusted()
    {
        using var tree = new Tree();
        tree.Load(out _);
        var (_, indexPath) = FeatureCache.Paths(tree.Scan.Root, "fan", DataSplit.Train, tree.Options);
        File.WriteAllText(indexPath, "{ not json");
        tree.Load(out CacheOutcome outcome);
        Assert.Equal(CacheStatus.Rebuilt, outcome.Status);
        Assert.Contains("unreadable", outcome.Reason);
    }

    [Fact]
    public void Disabled_cache_writes_nothing()
    {
        using var tree = new Tree();
        tree.Load(out CacheOutcome outcome, tree.Options with { UseCache = false });
        Assert.Equal(CacheStatus.Disabled, outcome.Status);
        Assert.False(Directory.Exists(tree.Options.EffectiveCacheFolder));
    }

    [Fact]
    public void Cached_load_allocates_little_more_than_the_feature_bytes()
    {
        using var tree = new Tree(trainPerId: 12);
        tree.Load(out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        FeatureBlock block = tree.Load(out CacheOutcome outcome);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(CacheStatus.Loaded, outcome.Status);
        Assert.Equal(24L * 128 * 320 * 4, block.ByteCount);
        // One float32 block plus fixed-size buffers (1 MiB file buffer, the JSON index).
        Assert.True(allocated <= 1.1 * block.ByteCount + 2_000_000, $"cached load allocated {allocated} bytes for {block.ByteCount} feature bytes");
    }

    [Fact]
    public void Bad_clip_fails_with_the_file_and_problem()
    {
        using var tree = new Tree();
        File.WriteAllText(tree.Train[0].Path, "not a wav");
        File.SetLastWriteTimeUtc(tree.Train[0].Path, DateTime.UtcNow.AddMinutes(1));
        var e = Assert.Throws<WavFormatException>(() => tree.Load(out _));
        Assert.Contains(tree.Train[0].Path, e.Message);
        Assert.Contains("RIFF", e.Message);
    }

    [Fact]
    public void Wrong_sample_rate_is_refused_not_resampled()
    {
        using var temp = new TempFolder();
        DataTestTrees.WriteTone(temp.File("fan", "train", "normal_id_00_00000000.wav"), seconds: 1, sampleRate: 8000);
        DatasetScan scan = DatasetScanner.Scan(temp.Path);
        var e = Assert.Throws<SampleRateMismatchException>(() => ClipFeatureExtractor.Extract(scan.Clips, FeatureExtractionOptions.Default));
        Assert.Contains("8000 Hz", e.Message);
    }
}
