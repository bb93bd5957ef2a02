using System.Text;
using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Data.Vibration;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Masks;
using AnomalyLab.Streaming;
using AnomalyLab.Tests.Data;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;

namespace AnomalyLab.Tests.Cli;

/// <summary>
/// Issue 15's hostile-input corpus, one test per defect D1–D19: each builds its bad input in a temp folder
/// (<see cref="HostileCorpus"/>), runs the CLI or the library on it, and checks that it is refused with one
/// <c>error: &lt;file&gt;: &lt;problem&gt;</c> line and exit code 2 (or handled correctly), and that nothing the user owns changed.
/// </summary>
[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class HostileInputTests
{
    /// <summary>Exit 2, exactly one stderr line starting with <c>error: &lt;named&gt;</c>, no stack trace.</summary>
    private static string AssertRefused(CliRunner.Result result, string named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\nstderr: {result.StandardError}\nstdout: {result.StandardOutput}");
        string[] lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one error line, got:\n{result.StandardError}");
        Assert.StartsWith($"error: {named}", lines[0]);
        Assert.DoesNotContain(" at AnomalyLab", result.StandardError);
        return lines[0];
    }

    private const int DataVerifyExitMismatch = 1;

    private static CliRunner.Result Features(string wav, string output, params string[] more) => CliRunner.Run(["features", wav, "--out", output, .. more]);

    // ---------------------------------------------------------------- D1: outputs never replace pipes, devices or links

    [Fact]
    public async Task D1_outputs_write_through_pipes_and_links_and_a_full_device_is_an_error_not_a_replacement()
    {
        using var folder = new TempFolder();
        string wav = HostileCorpus.Tone(folder.File("clip.wav"));

        // A named pipe: the reader receives the .npy, the pipe stays a pipe.
        string fifo = HostileCorpus.Fifo(folder.File("pipe.npy"));
        Task<byte[]> reader = Task.Run(() => File.ReadAllBytes(fifo));
        var piped = Features(wav, fifo);
        Assert.True(piped.ExitCode == 0, piped.StandardError);
        byte[] received = await reader.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'], received[..6]);
        Assert.Equal(FileNodeKind.Pipe, FileNode.Inspect(fifo).Kind);

        // A symbolic link: its target is written, the link stays a link.
        string target = folder.File("target.npy");
        File.WriteAllText(target, "old");
        string link = folder.File("link.npy");
        File.CreateSymbolicLink(link, target);
        var linked = Features(wav, link);
        Assert.True(linked.ExitCode == 0, linked.StandardError);
        Assert.Equal(FileNodeKind.SymbolicLink, FileNode.Inspect(link).Kind);
        Assert.Equal([128, 32], NpyFile.Read(target).Shape);

        // /dev/full (writable by everyone): written through, so the write fails with a named error; the device node stays.
        if (FileNode.Inspect("/dev/full").Kind != FileNodeKind.CharacterDevice) return; // no /dev/full on this system
        string line = AssertRefused(Features(wav, "/dev/full"), "/dev/full:");
        Assert.Contains("No space left", line);
        Assert.Equal(FileNodeKind.CharacterDevice, FileNode.Inspect("/dev/full").Kind);
    }

    [Fact]
    public void D1_library_writers_never_replace_a_link_or_special_file()
    {
        using var folder = new TempFolder();
        string target = folder.File("real.txt");
        string link = folder.File("link.txt");
        File.CreateSymbolicLink(link, target);
        AtomicFile.WriteAllText(link, "through the link");
        Assert.Equal(FileNodeKind.SymbolicLink, FileNode.Inspect(link).Kind);
        Assert.Equal("through the link", File.ReadAllText(target));
        AtomicFile.WriteAllText("/dev/null", "discarded");
        Assert.Equal(FileNodeKind.CharacterDevice, FileNode.Inspect("/dev/null").Kind);
    }

    // ---------------------------------------------------------------- D2: inputs and user folders are never overwritten

    [Fact]
    public void D2_an_output_that_is_an_input_is_refused_and_the_input_is_unchanged()
    {
        using var folder = new TempFolder();
        string wav = HostileCorpus.Tone(folder.File("x.wav"));
        byte[] original = File.ReadAllBytes(wav);
        AssertRefused(Features(wav, wav), wav);
        string alias = folder.File("same-file.npy");
        File.CreateSymbolicLink(alias, wav);
        AssertRefused(Features(wav, alias), alias);
        Assert.Equal(original, File.ReadAllBytes(wav));

        string train = HostileCorpus.Matrix(folder.File("t.npy"), 20, 3, 1), test = HostileCorpus.Matrix(folder.File("u.npy"), 5, 3, 2);
        byte[] trainBytes = File.ReadAllBytes(train);
        AssertRefused(CliRunner.Run("detect", "--detector", "knn", "--train", train, "--test", test, "--out", train), train);
        Assert.Equal(trainBytes, File.ReadAllBytes(train));

        Directory.CreateDirectory(folder.File("scores"));
        string scores = folder.File("scores", "result.csv");
        File.WriteAllText(scores, "file,score,label\nnormal_id_00_0.wav,0.1,0\nanomaly_id_00_0.wav,0.9,1\n");
        string before = File.ReadAllText(scores);
        AssertRefused(CliRunner.Run("evaluate", "--scores", scores), scores);
        Assert.Equal(before, File.ReadAllText(scores));
    }

    [Fact]
    public void D2_data_synth_refuses_a_folder_of_user_files_unless_forced()
    {
        using var folder = new TempFolder();
        string data = folder.File("recordings");
        Directory.CreateDirectory(data);
        string mine = HostileCorpus.Tone(Path.Combine(data, "my-recording.wav"));
        byte[] original = File.ReadAllBytes(mine);
        string[] quick = ["--train-clips", "1", "--test-clips", "1", "--seconds", "3"];

        AssertRefused(CliRunner.Run(["data", "synth", "--out", data, .. quick]), data);
        Assert.Equal(original, File.ReadAllBytes(mine));

        var forced = CliRunner.Run(["data", "synth", "--out", data, "--force", .. quick]);
        Assert.True(forced.ExitCode == 0, forced.StandardError);
        Assert.False(File.Exists(mine));
        Assert.True(File.Exists(Path.Combine(data, AtomicFolder.MarkerFileName)));
        // A rerun into our own folder needs no --force.
        var again = CliRunner.Run(["data", "synth", "--out", data, "--seed", "3", .. quick]);
        Assert.True(again.ExitCode == 0, again.StandardError);
    }

    // ---------------------------------------------------------------- D3: NaN / infinite samples

    [Fact]
    public void D3_non_finite_samples_are_refused_at_decode_with_file_and_sample()
    {
        using var folder = new TempFolder();
        string nan = HostileCorpus.FloatWavWith(folder.File("nan.wav"), float.NaN, index: 123);
        string line = AssertRefused(Features(nan, folder.File("nan.npy")), nan);
        Assert.Contains("sample 123", line);
        Assert.False(File.Exists(folder.File("nan.npy")));

        string inf = HostileCorpus.FloatWavWith(folder.File("inf.wav"), float.PositiveInfinity, index: 7, channels: 2);
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(inf));
        Assert.Contains("sample 7 (frame 3, channel 1)", e.Message);

        // Inside a dataset the failing WAV is named, not a summary key or a matrix cell.
        var extractor = new LogMelExtractor(LogMelOptions.Torchaudio);
        string good = HostileCorpus.Tone(folder.File("good.wav"));
        var batch = Assert.Throws<WavFormatException>(() => AnomalyLab.Data.ClipFeatureExtractor.Extract(AnomalyLab.Data.ClipFeatureExtractor.FromPaths([good, nan]),
            new AnomalyLab.Data.FeatureExtractionOptions { LogMel = extractor.Options, UseCache = false }));
        Assert.Equal(nan, batch.FilePath);

        // A raw f32le stream (watch -): the stream and the sample are named.
        var bytes = new byte[4000 * 4];
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, 4 * 2500);
        var reader = new PcmFrameReader(new MemoryStream(bytes), new PcmFormat(16000, 1, PcmEncoding.F32Le));
        var buffer = new float[1000];
        var streamed = Assert.Throws<WavFormatException>(() => { while (reader.Read(buffer) > 0) { } });
        Assert.Equal("standard input: sample 2500 is NaN; samples must be finite numbers (NaN and infinity are refused).", streamed.Message);
    }

    [Fact]
    public void D3_watch_on_a_stream_with_nan_is_refused_not_scored()
    {
        using var folder = new TempFolder();
        string model = HostileCorpus.WatchModel(folder.File("watch.ckpt"));
        var bytes = new byte[16000 * 3 * 4];
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, 4 * 40000);
        var result = CliRunner.RunWithInput(bytes, "watch", "--model", model, "--input", "-", "--rate", "16000", "--format", "f32le");
        string line = AssertRefused(result, "standard input: sample 40000 is NaN");
        Assert.DoesNotContain("NaN\t", result.StandardOutput);
        Assert.NotEmpty(line);
    }

    // ---------------------------------------------------------------- D4: crashes on hostile sizes

    [Theory]
    [InlineData("(-5, 4)")]
    [InlineData("(5000000000, 4)")]
    [InlineData("(4294967296, 4294967296)")]
    [InlineData("(100000000, 4)")]
    public void D4_npy_with_an_impossible_shape_is_refused_by_name(string shape)
    {
        using var folder = new TempFolder();
        string bad = HostileCorpus.NpyWithShape(folder.File("bad.npy"), shape, dataBytes: 16);
        string test = HostileCorpus.Matrix(folder.File("test.npy"), 5, 4, 1);
        AssertRefused(CliRunner.Run("detect", "--detector", "knn", "--train", bad, "--test", test, "--out", folder.File("s.csv")), bad);
        Assert.False(File.Exists(folder.File("s.csv")));
    }

    [Fact]
    public void D4_npy_v2_header_length_0xFFFFFFF0_is_refused_by_name()
    {
        using var folder = new TempFolder();
        string bad = HostileCorpus.NpyV2WithHeaderLength(folder.File("v2.npy"), 0xFFFFFFF0);
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Read(bad));
        Assert.StartsWith(bad + ":", e.Message);
    }

    [Fact]
    public void D4_checkpoint_with_a_giant_hidden_dim_is_refused_before_allocating()
    {
        using var folder = new TempFolder();
        string path = HostileCorpus.DenseCheckpoint(folder.File("huge.ckpt"),
            m => m with { ModelOptions = TrainableModel.ToJson(HostileCorpus.TinyDense with { HiddenDim = 2_000_000_000 }) });
        var e = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(path));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("HiddenDim", e.Message);

        Directory.CreateDirectory(folder.File("data"));
        AssertRefused(CliRunner.Run("evaluate", "--model", path, "--data", folder.File("data"), "--machine", "fan", "--out", folder.File("eval")), path);
        Assert.False(Directory.Exists(folder.File("eval")));
    }

    [Fact]
    public void D4_absurd_segment_and_nan_duration_are_refused_without_writing()
    {
        using var folder = new TempFolder();
        string model = HostileCorpus.WatchModel(folder.File("watch.ckpt"));
        string wav = HostileCorpus.Tone(folder.File("clip.wav"), samples: 48000);
        string line = AssertRefused(CliRunner.Run("watch", "--model", model, "--input", wav, "--segment", "100000000s"), "");
        Assert.Contains("too long", line);
        Assert.Throws<ArgumentException>(() => new SegmentOptions { SegmentSeconds = double.PositiveInfinity }.Validate(16000));

        string synth = folder.File("synth");
        AssertRefused(CliRunner.Run("data", "synth", "--out", synth, "--seconds", "NaN"), "Invalid synthetic dataset options");
        Assert.False(Directory.Exists(synth));
    }

    // ---------------------------------------------------------------- D5: output folders are one unit

    [Fact]
    public void D5_an_output_folder_is_written_aside_and_replaced_whole()
    {
        using var folder = new TempFolder();
        string output = folder.File("report");
        AtomicFolder.Write(output, "test", staging =>
        {
            File.WriteAllText(Path.Combine(staging, "summary.json"), "{}");
            Directory.CreateDirectory(Path.Combine(staging, "maps"));
            File.WriteAllText(Path.Combine(staging, "maps", "id_02.npy"), "old id");
        });

        // A run that dies half-way leaves the previous folder exactly as it was, and no staging folder.
        Assert.Throws<InvalidOperationException>(() => AtomicFolder.Write(output, "test", staging =>
        {
            File.WriteAllText(Path.Combine(staging, "summary.json"), "half");
            Assert.False(File.Exists(Path.Combine(output, "half")));
            throw new InvalidOperationException("killed");
        }));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Single(Directory.GetDirectories(folder.Path));

        // A rerun with fewer ids keeps none of the old maps.
        AtomicFolder.Write(output, "test", staging => File.WriteAllText(Path.Combine(staging, "summary.json"), "new"));
        Assert.False(File.Exists(Path.Combine(output, "maps", "id_02.npy")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(output, "summary.json")));

        // A staging folder of a killed run (its process is gone) is removed by the next run.
        string stale = folder.File($".report.{HostileCorpus.DeadProcessId()}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(stale);
        AtomicFolder.Write(output, "test", staging => File.WriteAllText(Path.Combine(staging, "summary.json"), "again"));
        Assert.False(Directory.Exists(stale));

        // A folder of the user's files is refused without --force.
        string user = folder.File("mine");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "notes.txt"), "keep");
        Assert.Throws<OutputRefusedException>(() => AtomicFolder.Write(user, "test", _ => { }));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(user, "notes.txt")));
    }

    [Fact]
    public void D5_masks_and_evaluate_write_whole_folders_and_refuse_foreign_ones()
    {
        using var folder = new TempFolder();
        string masks = folder.File("masks");
        var first = CliRunner.Run("masks", "show", "--count", "3", "--out", masks);
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Equal(3, NpyFile.Read(Path.Combine(masks, "masks.npy")).Shape[0]);
        File.WriteAllText(Path.Combine(masks, "leftover-of-ours.txt"), "x");
        var second = CliRunner.Run("masks", "show", "--count", "2", "--out", masks);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Equal(2, NpyFile.Read(Path.Combine(masks, "masks.npy")).Shape[0]);
        Assert.False(File.Exists(Path.Combine(masks, "leftover-of-ours.txt")));

        string user = folder.File("user");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "thesis.tex"), "keep");
        AssertRefused(CliRunner.Run("masks", "show", "--out", user), user);
        string scores = folder.File("scores.csv");
        File.WriteAllText(scores, "file,score,label\nnormal_id_00_0.wav,0.1,0\nanomaly_id_00_0.wav,0.9,1\n");
        AssertRefused(CliRunner.Run("evaluate", "--scores", scores, "--out", user), user);
        Assert.Equal(["thesis.tex"], Directory.GetFileSystemEntries(user).Select(Path.GetFileName));

        var evaluated = CliRunner.Run("evaluate", "--scores", scores, "--out", folder.File("eval"));
        Assert.True(evaluated.ExitCode == 0, evaluated.StandardError);
        Assert.True(File.Exists(folder.File("eval", "result.csv")));
        Assert.True(File.Exists(folder.File("eval", AtomicFolder.MarkerFileName)));
    }

    [Fact]
    public void D5_study_rerun_with_fewer_ids_leaves_no_maps_of_other_ids()
    {
        using var folder = new TempFolder();
        string data = folder.File("data");
        SyntheticDataset.Generate(data, DataTestTrees.Tiny());
        string output = folder.File("study");
        var both = CliRunner.Run("study", "--data", data, "--ids", "id_00,id_02", "--out", output);
        Assert.True(both.ExitCode == 0, both.StandardError);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "maps"), "*id_02*"));
        var one = CliRunner.Run("study", "--data", data, "--ids", "id_00", "--out", output);
        Assert.True(one.ExitCode == 0, one.StandardError);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "maps"), "*id_02*"));
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        // The data folder itself (holding inputs) is never a study output, even with --force.
        AssertRefused(CliRunner.Run("study", "--data", data, "--ids", "id_00", "--out", data, "--force"), data);
        Assert.True(Directory.Exists(Path.Combine(data, "fan")));
    }

    // ---------------------------------------------------------------- D6: checksum lists stay inside the dataset

    [Theory]
    [InlineData("../../../../etc/hostname")]
    [InlineData("/etc/hostname")]
    [InlineData("zero")]
    [InlineData(null)]
    public void D6_checksum_entries_outside_the_root_or_special_files_and_empty_lists_are_refused(string? entry)
    {
        using var folder = new TempFolder();
        string root = folder.File("data");
        HostileCorpus.Tone(Path.Combine(root, "fan", "train", "normal_id_00_00000000.wav"));
        if (entry == "zero") File.CreateSymbolicLink(Path.Combine(root, "zero"), "/dev/zero");
        string sums = Path.Combine(root, "SHA256SUMS");
        File.WriteAllText(sums, entry is null ? "# nothing\n" : $"{new string('0', 64)}  {entry}\n");
        string manifest = folder.File("t.json");
        File.WriteAllText(manifest, """
            {"name": "t", "licence": "test", "archives": [], "checksumFile": "SHA256SUMS",
             "parts": [{"folder": "", "layout": "dcase2020", "counts": [{"machineType": "fan", "split": "train", "label": "normal", "clips": 1}]}]}
            """);
        AssertRefused(CliRunner.Run("data", "verify", root, "--manifest", manifest), sums);
    }

    // ---------------------------------------------------------------- D7: non-finite training

    [Fact]
    public void D7_non_finite_learning_rates_are_refused_before_training()
    {
        using var folder = new TempFolder();
        string line = AssertRefused(CliRunner.Run("train", "--model", "dense-ae", "--data", folder.Path, "--machine", "fan", "--out", folder.File("m.ckpt"), "--lr", "Infinity"), "Invalid training options");
        Assert.Contains("--lr", line);
        string normals = folder.File("normals");
        HostileCorpus.Tone(Path.Combine(normals, "a.wav"), samples: 48000);
        AssertRefused(CliRunner.Run("watch-train", "--normals", normals, "--out", folder.File("w.ckpt"), "--lr", "NaN"), "Invalid training options");
        Assert.False(File.Exists(folder.File("m.ckpt")) || File.Exists(folder.File("w.ckpt")));
    }

    [Fact]
    public void D7_training_stops_on_a_non_finite_loss_and_never_saves_it()
    {
        using var folder = new TempFolder();
        var random = new Random(5);
        var values = new float[200 * 16];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 1e18);
        using TrainableModel model = Trainer.CreateModel(ModelKind.DenseAutoencoder, TrainableModel.ToJson(HostileCorpus.TinyDense), 0);
        string checkpoint = folder.File("diverged.ckpt");
        var options = new TrainingOptions { Epochs = 3, BatchSize = 16, LearningRate = 1e30, Device = "cpu" };
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(model, new SampleSet(values, [16]), options, new TrainingSession { CheckpointPath = checkpoint }));
        Assert.StartsWith(checkpoint + ": training diverged", e.Message);
        if (File.Exists(checkpoint)) ModelCheckpoint.Load(checkpoint).Dispose(); // whatever was saved is finite
    }

    [Theory]
    [InlineData("per-mel", "a model's inputs are standardised globally or not at all, not per-mel")]
    [InlineData("two-globals", "Global statistics need 1 value(s), found 2")]
    [InlineData("format-1-without-std", "a format-1 mean needs a numeric std beside it")]
    public void D7_a_checkpoint_normalisation_a_model_cannot_use_is_refused_by_name(string damage, string problem)
    {
        using var folder = new TempFolder();
        string path = folder.File(damage + ".ckpt");
        if (damage == "format-1-without-std")
        {
            HostileCorpus.DenseCheckpoint(path);
            HostileCorpus.RewriteMetadata(path, m => m["normalization"] = new System.Text.Json.Nodes.JsonObject { ["mean"] = -40 });
        }
        else
        {
            Standardiser bad = damage == "per-mel" ? new Standardiser(Standardisation.PerMel, [1, 2], [1, 1]) : new Standardiser(Standardisation.Global, [1, 2], [1, 1]);
            HostileCorpus.DenseCheckpoint(path, m => m with { Normalization = bad });
        }
        var e = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(path));
        Assert.StartsWith(path + ": checkpoint: metadata.json does not parse", e.Message);
        Assert.Contains(problem, e.Message);
        Directory.CreateDirectory(folder.File("data"));
        AssertRefused(CliRunner.Run("evaluate", "--model", path, "--data", folder.File("data"), "--machine", "fan", "--out", folder.File("eval")), path);
        Assert.False(Directory.Exists(folder.File("eval")));
    }

    [Fact]
    public void D7_a_watch_model_with_a_nan_threshold_is_refused_by_name()
    {
        using var folder = new TempFolder();
        string model = HostileCorpus.WatchModel(folder.File("nan.ckpt"), s => s with { Threshold = s.Threshold with { Value = double.NaN } });
        var e = Assert.Throws<InvalidDataException>(() => AnomalyLab.Models.StftVae.StftVaeScorer.Load(model));
        Assert.Equal(model + ": checkpoint threshold is NaN; a finite threshold is needed to label segments.", e.Message);
        AssertRefused(CliRunner.RunWithInput(new byte[64000], "watch", "--model", model, "--input", "-", "--rate", "16000", "--format", "f32le"), model + ": checkpoint threshold is NaN");
    }

    [Fact]
    public void D7_a_checkpoint_with_nan_weights_or_zero_std_is_refused_by_name()
    {
        using var folder = new TempFolder();
        string poisoned = HostileCorpus.DenseCheckpoint(folder.File("nan.ckpt"), damage: HostileCorpus.PoisonFirstWeight);
        var e = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(poisoned));
        Assert.StartsWith(poisoned + ": checkpoint weight", e.Message);
        string flat = HostileCorpus.DenseCheckpoint(folder.File("std0.ckpt"), m => m with { Normalization = new Standardiser(Standardisation.Global, [0], [0]) });
        var f = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(flat));
        Assert.StartsWith(flat + ": checkpoint normalisation", f.Message);
        Directory.CreateDirectory(folder.File("data"));
        AssertRefused(CliRunner.Run("evaluate", "--model", poisoned, "--data", folder.File("data"), "--machine", "fan", "--out", folder.File("eval")), poisoned);
    }

    // ---------------------------------------------------------------- D8: duplicate or conflicting score rows

    [Theory]
    [InlineData("normal_id_00_0.wav,0.1,0\nnormal_id_00_0.wav,0.1,0\nanomaly_id_00_0.wav,0.9,1\n", "on lines 2 and 3")]
    [InlineData("normal_id_00_0.wav,0.1,0\nanomaly_id_00_0.wav,0.9,1\nnormal_id_00_0.wav,0.1,1\n", "labelled 0 on line 2 and 1 on line 4")]
    public void D8_duplicate_or_conflicting_rows_are_refused_with_the_clip_names(string rows, string detail)
    {
        using var folder = new TempFolder();
        string scores = folder.File("scores.csv");
        File.WriteAllText(scores, "file,score,label\n" + rows);
        string line = AssertRefused(CliRunner.Run("evaluate", "--scores", scores, "--out", folder.File("eval")), scores);
        Assert.Contains("normal_id_00_0.wav", line);
        Assert.Contains(detail, line);
    }

    // ---------------------------------------------------------------- D9: decompression limits

    [Fact]
    public void D9_archive_bombs_are_refused_by_ratio_and_absolute_size_and_nothing_is_extracted()
    {
        using var folder = new TempFolder();
        var limits = new DecompressionLimits { RatioFloorBytes = 1 << 20, MaxRatio = 100 };
        string zip = HostileCorpus.ZipBomb(folder.File("bomb.zip"), 16L << 20);
        var e = Assert.Throws<InvalidDataException>(() => SafeArchiveExtractor.Extract(zip, folder.File("out"), limits));
        Assert.StartsWith(zip + ":", e.Message);
        Assert.Contains("decompression limit", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.File("out")));

        string tgz = HostileCorpus.TarGzBomb(folder.File("bomb.tar.gz"), 4L << 20);
        var absolute = Assert.Throws<InvalidDataException>(() => SafeArchiveExtractor.Extract(tgz, folder.File("out2"), new DecompressionLimits { MaxExpandedBytes = 1 << 20 }));
        Assert.StartsWith(tgz + ":", absolute.Message);

        // The defaults stop a 1000:1 archive once it passes 64 MiB.
        string big = HostileCorpus.ZipBomb(folder.File("big.zip"), 80L << 20);
        Assert.Throws<InvalidDataException>(() => SafeArchiveExtractor.Extract(big, folder.File("out3")));
    }

    [Fact]
    public void D9_a_mat_file_that_inflates_past_the_limit_is_refused()
    {
        using var folder = new TempFolder();
        string mat = HostileCorpus.Mat(folder.File("bomb.mat"), HostileCorpus.MatCompressedZeros(8L << 20));
        var e = Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(mat, new DecompressionLimits { RatioFloorBytes = 1 << 20, MaxRatio = 100 }));
        Assert.StartsWith(mat + ":", e.Message);
        Assert.Contains("decompression limit", e.Message);
    }

    // ---------------------------------------------------------------- D10: MAT reader sizes

    [Fact]
    public void D10_mat_sizes_are_checked_and_the_file_named()
    {
        using var folder = new TempFolder();
        string huge = HostileCorpus.Mat(folder.File("huge.mat"), HostileCorpus.MatElement(14, 0xFFFFFFF0, new byte[16]));
        Assert.StartsWith(huge + ":", Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(huge)).Message);

        string name = HostileCorpus.Mat(folder.File("name.mat"), HostileCorpus.MatMatrix(1, 1, nameLengthField: 0xFFFF));
        Assert.StartsWith(name + ":", Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(name)).Message);

        string negative = HostileCorpus.Mat(folder.File("negative.mat"), HostileCorpus.MatMatrix(-5, 4));
        Assert.Contains("dimension 0 is -5", Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(negative)).Message);

        byte[] nested = HostileCorpus.MatMatrix(0, 0);
        for (int level = 0; level < 3; level++) nested = HostileCorpus.MatCompressed(nested);
        string deep = HostileCorpus.Mat(folder.File("nested.mat"), nested);
        Assert.Contains("inside a compressed element", Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(deep)).Message);
    }

    // ---------------------------------------------------------------- D11: preset sizes

    [Fact]
    public void D11_a_preset_asking_for_two_billion_segments_is_refused_naming_the_field()
    {
        using var folder = new TempFolder();
        string preset = folder.File("greedy.json");
        File.WriteAllText(preset, AudioBandSegmentOptions.Proposed.ToJson().Replace("\"segment_count_max\": 20", "\"segment_count_max\": 2000000000"));
        string output = folder.File("masks");
        string line = AssertRefused(CliRunner.Run("masks", "show", "--mask-preset", preset, "--out", output), preset);
        Assert.Contains("segment_count_max", line);
        Assert.False(Directory.Exists(output));
        Assert.Throws<ArgumentException>(() => (AudioBandSegmentOptions.Proposed with { Frames = 1 << 20 }).Validate());
    }

    // ---------------------------------------------------------------- D12: errors name the input

    [Fact]
    public void D12_truncated_npy_damaged_archives_and_device_inputs_are_named()
    {
        using var folder = new TempFolder();
        string cut = folder.File("cut.npy");
        File.WriteAllBytes(cut, File.ReadAllBytes(HostileCorpus.Matrix(folder.File("whole.npy"), 4, 4, 1))[..20]);
        Assert.StartsWith(cut + ": truncated .npy header", Assert.Throws<InvalidDataException>(() => NpyFile.Read(cut)).Message);

        foreach (string name in new[] { "empty.zip", "junk.tar.gz", "cut.zip" })
        {
            string archive = folder.File(name);
            if (name == "empty.zip") File.WriteAllBytes(archive, []);
            else if (name == "junk.tar.gz") File.WriteAllText(archive, "not gzip at all");
            else File.WriteAllBytes(archive, File.ReadAllBytes(HostileCorpus.ZipBomb(folder.File("src.zip"), 1 << 20))[..200]);
            var e = Assert.Throws<InvalidDataException>(() => SafeArchiveExtractor.Extract(archive, folder.File("x-" + name)));
            Assert.StartsWith(archive + ":", e.Message);
        }

        string duplicate = HostileCorpus.ZipWithDuplicate(folder.File("dup.zip"), "fan/a.wav");
        var dup = Assert.Throws<UnsafeArchiveException>(() => SafeArchiveExtractor.Extract(duplicate, folder.File("dup")));
        Assert.Contains("'fan/a.wav' appears more than once", dup.Message);
        Assert.DoesNotContain(".extract-", dup.Message);

        string line = AssertRefused(CliRunner.Run("evaluate", "--scores", "/dev/zero", "--out", folder.File("eval")), "/dev/zero:");
        Assert.Contains("character device", line);
    }

    // ---------------------------------------------------------------- D13: too-short WAVs

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void D13_a_wav_of_a_few_samples_is_named_with_the_minimum(int samples)
    {
        using var folder = new TempFolder();
        string wav = HostileCorpus.Tone(folder.File($"short{samples}.wav"), samples);
        string line = AssertRefused(Features(wav, folder.File("s.npy")), wav);
        Assert.Contains($"holds {samples} samples", line);
        Assert.DoesNotContain("(Parameter", line);
    }

    // ---------------------------------------------------------------- D14: the rate hint names this command's flag

    [Fact]
    public void D14_rate_mismatch_hint_fits_the_command()
    {
        using var folder = new TempFolder();
        string wav = HostileCorpus.Tone(folder.File("8k.wav"), samples: 8000, rate: 8000);
        string features = AssertRefused(Features(wav, folder.File("o.npy")), wav);
        Assert.Contains("--resample", features);
        Assert.DoesNotContain("allowResample", features);

        string root = folder.File("data");
        HostileCorpus.Tone(Path.Combine(root, "fan", "train", "normal_id_00_00000000.wav"), samples: 24000, rate: 8000);
        string cache = AssertRefused(CliRunner.Run("data", "cache", root, "--cache", folder.File("cache")), Path.Combine(root, "fan", "train"));
        Assert.DoesNotContain("allowResample", cache);
        Assert.DoesNotContain("--resample", cache);
        Assert.Contains("does not resample", cache);
    }

    // ---------------------------------------------------------------- D15: parse errors are bad input

    [Fact]
    public void D15_a_misspelt_option_exits_2_with_one_error_line()
    {
        var result = CliRunner.Run("data", "verify", "--manifset", "synthetic-default");
        string line = AssertRefused(result, "anomalylab data verify:");
        Assert.Contains("Unrecognized", line);
        // Exit 1 stays what it documents ("mismatch"); a command line that does not parse is never 1.
        Assert.NotEqual(DataVerifyExitMismatch, result.ExitCode);
    }

    // ---------------------------------------------------------------- D16: stale cache temporaries

    [Fact]
    public void D16_a_temporary_left_by_a_killed_cache_write_is_removed_by_the_next_build()
    {
        using var folder = new TempFolder();
        SyntheticDataset.Generate(folder.File("data"), DataTestTrees.Tiny());
        DatasetScan scan = DatasetScanner.Scan(folder.File("data"));
        var options = new FeatureExtractionOptions { CacheFolder = folder.File("cache") };
        var clips = scan.Select("fan", DataSplit.Train);
        FeatureCache.LoadOrExtract(scan.Root, "fan", DataSplit.Train, clips, options, out CacheOutcome built);
        string array = built.ArrayPath!;
        string cacheFolder = Path.GetDirectoryName(array)!;
        string stale = Path.Combine(cacheFolder, $".{Path.GetFileName(array)}.{HostileCorpus.DeadProcessId()}.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(cacheFolder, $".{Path.GetFileName(array)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, new byte[1024]);
        File.WriteAllBytes(live, new byte[16]);
        File.WriteAllText(array, "damaged"); // forces a rebuild
        FeatureCache.LoadOrExtract(scan.Root, "fan", DataSplit.Train, clips, options, out CacheOutcome rebuilt);
        Assert.Equal(CacheStatus.Rebuilt, rebuilt.Status);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live), "a temporary of a running process must be kept");
    }

    // ---------------------------------------------------------------- D12 (notebooks): a malformed cell is named

    [Theory]
    [InlineData("\"source\": 42", "'source' must be a string or a list of strings")]
    [InlineData("\"source\": \"x\", \"execution_count\": \"one\"", "'execution_count' must be a number or null")]
    public void D12_a_notebook_cell_of_the_wrong_shape_is_refused_naming_the_file_and_cell(string fields, string problem)
    {
        using var folder = new TempFolder();
        string notebook = folder.File("odd.ipynb");
        File.WriteAllText(notebook, "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], " + fields + "}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        string line = AssertRefused(CliRunner.Run("notebook", "run", notebook, "--out", folder.File("out")), notebook);
        Assert.Contains("cell 1", line);
        Assert.Contains(problem, line);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    // D17 (per-cell timeout, a cell ending the kernel) and D18 (an F# cell runs in the F# kernel) are tests of the notebook runner,
    // which now drives the real kernel: NotebookRunnerTests and NotebookCommandTests.

    // ---------------------------------------------------------------- D19: masks fit takes any clip length, or says what to do

    [Fact]
    public void D19_clips_longer_than_320_frames_are_fitted_on_a_wider_grid_and_a_too_small_grid_says_how_to_fix_it()
    {
        var excess = new float[128, 344];
        for (int t = 100; t < 140; t++) excess[40, t] = 1;
        var map = new AnomalyExcessMap("id_00", excess);
        Assert.Equal(352, MaskPresetFitter.Fit("ToyCar", [map]).Frames);
        var e = Assert.Throws<ArgumentException>(() => MaskPresetFitter.Fit("ToyCar", [map], new PresetFitOptions { Frames = 320 }));
        Assert.Contains("id_00", e.Message);
        Assert.Contains("344", e.Message);
        Assert.Contains("PresetFitOptions.Frames", e.Message);
        Assert.Contains("≥ 352", e.Message);
    }
}
