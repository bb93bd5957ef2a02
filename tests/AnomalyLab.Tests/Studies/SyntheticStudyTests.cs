using System.Text.Json;
using AnomalyLab.Data;
using AnomalyLab.Studies;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Studies;

/// <summary>
/// The study on a small synthetic dataset with known anomaly masks: the excess map's top region must land on the true
/// anomaly region (precision high, IoU far above a random region's), and the output files carry the stable keys.
/// </summary>
public sealed class SyntheticStudyTests : IClassFixture<SyntheticStudyTests.SmallStudy>
{
    /// <summary>One fan id, 12 train / 12 normal / 16 anomalous clips, generated and studied once for all tests here.</summary>
    public sealed class SmallStudy : IDisposable
    {
        public SmallStudy()
        {
            var options = SyntheticDatasetOptions.Default with { MachineTypes = ["fan"], MachineIds = [0, 4], TrainClipsPerId = 12, TestNormalClipsPerId = 12, TestAnomalyClipsPerId = 16 };
            SyntheticDataset.Generate(Folder.File("data"), options);
            Result = StudyRunner.Run(new StudyRequest { CacheFolder = Folder.File("cache"), DataRoot = Folder.File("data") });
            StudyOutput.Write(Folder.File("out"), Result);
        }

        public TempFolder Folder { get; } = new();

        public StudyResult Result { get; }

        public void Dispose() => Folder.Dispose();
    }

    private readonly SmallStudy _study;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public SyntheticStudyTests(SmallStudy study, Xunit.Abstractions.ITestOutputHelper output) => (_study, _output) = (study, output);

    [Fact]
    public void Excess_top_region_overlaps_the_generator_ground_truth()
    {
        Assert.Equal(["id_00", "id_04"], _study.Result.Ids.Select(s => s.MachineId));
        foreach (MachineIdStudy s in _study.Result.Ids)
        {
            RegionOverlap gt = s.GroundTruthOverlap ?? throw new Xunit.Sdk.XunitException($"{s.MachineId}: no ground truth read from the synthetic dataset");
            // Measured: precision 0.867 / 0.803, IoU 0.358 / 0.747 (id_00 / id_04; chance IoU 0.009 / 0.028). Bounds sit 0.1 below
            // the lower measurement (precision ≥ 0.7, IoU ≥ 0.25), and IoU must stay ≥ 4× what a random region of the same size gets.
            _output.WriteLine($"{s.MachineId}: precision {gt.Precision:0.000} (bound ≥ 0.7), IoU {gt.Iou:0.000} (bound ≥ 0.25 and ≥ 4 × chance {gt.ChanceIou:0.000}), top region {gt.PredictedCells} cells, truth {gt.TrueCells}");
            Assert.True(gt.Precision >= 0.7, $"{s.MachineId}: precision {gt.Precision:0.00} (top region {gt.PredictedCells} cells, truth {gt.TrueCells})");
            Assert.True(gt.Iou >= 0.25 && gt.Iou >= 4 * gt.ChanceIou, $"{s.MachineId}: IoU {gt.Iou:0.00}, chance {gt.ChanceIou:0.000}");
            // The synthetic anomaly adds energy in its band, and the excess peak sits inside the true band.
            Assert.Equal(EnergyDirection.Added, s.Sign.Direction);
            var truthRows = Enumerable.Range(0, s.NMels).Where(m => Enumerable.Range(0, s.Frames).Any(t => s.GroundTruthRegion![m, t])).ToList();
            Assert.InRange(s.ExcessPeak.Mel, truthRows.Min() - 2, truthRows.Max() + 2);
            Assert.True(s.AnomalyResidual.Mean > s.NormalResidual.Mean, $"{s.MachineId}: PCA residual anomalous {s.AnomalyResidual.Mean:0.00} <= normal {s.NormalResidual.Mean:0.00}");
        }
    }

    /// <summary>
    /// docs/study.md is the summary.json manual: every key a study writes per id is documented there (or, for the Hz/seconds keys,
    /// in docs/output.md), and every key documented there is written. Patterns: <c>excess_peak_*</c> (prefix), <c>a_low/high/share</c>.
    /// </summary>
    [Fact]
    public void Summary_json_keys_are_exactly_the_documented_ones()
    {
        static IEnumerable<string> Keys(string text)
        {
            // A code span holds one key or a comma-separated list of keys.
            foreach (string token in System.Text.RegularExpressions.Regex.Matches(text, "`([^`]+)`").SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                         .Where(t => System.Text.RegularExpressions.Regex.IsMatch(t, "^[a-z0-9_/*]+$")))
            {
                if (!token.Contains('/')) { yield return token; continue; }
                string[] parts = token.Split('/');
                string stem = parts[0][..(parts[0].LastIndexOf('_') + 1)];
                yield return parts[0];
                foreach (string rest in parts.Skip(1)) yield return stem + rest;
            }
        }
        string study = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "study.md"));
        int from = study.IndexOf("Stable keys per id:", StringComparison.Ordinal), to = study.IndexOf("- `summary.csv`", from, StringComparison.Ordinal);
        Assert.True(from > 0 && to > from, "docs/study.md has no 'Stable keys per id:' list before '- `summary.csv`'");
        string output = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "output.md"));
        int unitsFrom = output.IndexOf("gained", StringComparison.Ordinal), unitsTo = output.IndexOf("beside", unitsFrom, StringComparison.Ordinal);
        var documented = Keys(study[from..to]).Concat(Keys(output[unitsFrom..unitsTo])).ToHashSet();
        var prefixes = documented.Where(k => k.EndsWith('*')).Select(k => k.TrimEnd('*')).ToArray();
        var exact = documented.Where(k => !k.EndsWith('*')).ToHashSet();

        using var json = JsonDocument.Parse(File.ReadAllText(_study.Folder.File("out", "summary.json")));
        Assert.Equal(StudySummary.Schema, json.RootElement.GetProperty("schema").GetString());
        Assert.Contains($"schema: \"{StudySummary.Schema}\"", study);
        var written = json.RootElement.GetProperty("machines").EnumerateObject()
            .SelectMany(type => type.Value.EnumerateObject()).SelectMany(id => id.Value.EnumerateObject().Select(p => p.Name)).ToHashSet();
        Assert.Empty(written.Where(k => !exact.Contains(k) && !prefixes.Any(k.StartsWith)).Order());
        Assert.Empty(exact.Where(k => !written.Contains(k)).Order());
        Assert.All(prefixes, prefix => Assert.Contains(written, k => k.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Summary_json_and_csv_carry_the_stable_keys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(_study.Folder.File("out", "summary.json")));
        JsonElement root = json.RootElement;
        Assert.Equal(StudySummary.Schema, root.GetProperty("schema").GetString());
        Assert.Equal("none", root.GetProperty("features").GetProperty("normalize").GetString());
        Assert.Equal(8000, root.GetProperty("features").GetProperty("log_mel").GetProperty("f_max").GetDouble());
        JsonElement id = root.GetProperty("machines").GetProperty("fan").GetProperty("id_00");
        foreach (string key in StudySummary.RequiredKeys) Assert.True(id.TryGetProperty(key, out _), $"summary.json lacks {key}");
        Assert.Equal(128, id.GetProperty("band_mean_normal").GetArrayLength());
        Assert.Equal(313, id.GetProperty("frame_mean_anomaly").GetArrayLength());
        Assert.Equal(12, id.GetProperty("n_normal").GetInt32());
        Assert.Equal(16, id.GetProperty("n_anomaly").GetInt32());
        Assert.True(id.TryGetProperty("gt_iou", out _));

        string[] lines = File.ReadAllLines(_study.Folder.File("out", "summary.csv"));
        Assert.Equal(3, lines.Length);
        string[] header = lines[0].Split(',');
        foreach (string key in StudySummary.RequiredKeys) Assert.Contains(key, header);
        Assert.True(File.Exists(_study.Folder.File("out", "maps", "fan__id_04__excess.npy")));
        Assert.Empty(Directory.GetFiles(_study.Folder.File("out"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Normalisation_changes_units_but_not_where_the_anomaly_is()
    {
        StudyResult perMel = StudyRunner.Run(new StudyRequest { CacheFolder = _study.Folder.File("cache"), DataRoot = _study.Folder.File("data"), MachineIds = ["id_04"], Standardisation = Standardisation.PerMel });
        MachineIdStudy s = Assert.Single(perMel.Ids);
        Assert.Equal("per-mel", perMel.Features.Standardisation);
        // Standardised train normals: band means of test normals sit near 0 in σ units, far from the dB values.
        Assert.True(s.NormalStatistics.BandMean.Average(Math.Abs) < 1.0, $"mean |band mean| {s.NormalStatistics.BandMean.Average(Math.Abs):0.00} σ");
        // Measured precision 0.824 (IoU 0.734), as in dB units (0.803); bound 0.7, about 0.1 below.
        _output.WriteLine($"per-mel standardised id_04: precision {s.GroundTruthOverlap!.Precision:0.000} (bound ≥ 0.7), IoU {s.GroundTruthOverlap.Iou:0.000}");
        Assert.True(s.GroundTruthOverlap.Precision >= 0.7, $"precision {s.GroundTruthOverlap.Precision:0.00}");
    }

    [Fact]
    public void A_test_only_folder_works_without_normalisation_and_is_refused_with_it()
    {
        string testOnly = _study.Folder.File("test-only");
        string source = Path.Combine(_study.Folder.File("data"), "fan", "test");
        Directory.CreateDirectory(Path.Combine(testOnly, "fan", "test"));
        foreach (string file in Directory.GetFiles(source, "*_id_04_*.wav")) File.Copy(file, Path.Combine(testOnly, "fan", "test", Path.GetFileName(file)));

        StudyResult plain = StudyRunner.Run(new StudyRequest { CacheFolder = _study.Folder.File("cache"), DataRoot = testOnly });
        Assert.Equal("id_04", Assert.Single(plain.Ids).MachineId);
        Assert.Null(plain.Ids[0].GroundTruthOverlap);
        var e = Assert.Throws<DatasetLayoutException>(() => StudyRunner.Run(new StudyRequest { CacheFolder = _study.Folder.File("cache"), DataRoot = testOnly, Standardisation = Standardisation.Global }));
        Assert.Contains("train", e.Message);
        Assert.Throws<DatasetLayoutException>(() => StudyRunner.Run(new StudyRequest { CacheFolder = _study.Folder.File("cache"), DataRoot = testOnly, MachineIds = ["id_09"] }));
    }

    [Fact]
    public void Normalisation_without_selected_train_clips_and_a_mask_of_another_shape_are_errors_naming_the_place()
    {
        var none = Assert.Throws<DatasetLayoutException>(() => StudyRunner.Run(new StudyRequest
        {
            CacheFolder = _study.Folder.File("cache"), DataRoot = _study.Folder.File("data"), Standardisation = Standardisation.PerMel, TrainClipsPerId = 0,
        }));
        Assert.Contains(Path.Combine(_study.Folder.File("data"), "fan"), none.Message);
        Assert.Contains("train clips per id: 0", none.Message);

        // A copy of the dataset whose last anomalous clip of id_04 carries a ground-truth mask of another shape.
        string copy = _study.Folder.File("bad-mask");
        foreach (string file in Directory.GetFiles(_study.Folder.File("data"), "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(_study.Folder.File("data"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        DatasetScan scan = DatasetScanner.Scan(copy);
        ClipRecord last = scan.Select("fan", DataSplit.Test).Last(c => c.MachineId == "id_04" && c.Label == ClipLabel.Anomaly);
        string mask = SyntheticDataset.MaskPath(copy, last);
        AnomalyLab.IO.NpyFile.Write(mask, new float[3 * 5], 3, 5);

        var bad = Assert.Throws<InvalidDataException>(() => StudyRunner.Run(new StudyRequest { CacheFolder = _study.Folder.File("cache-bad"), DataRoot = copy, MachineIds = ["id_04"] }));
        Assert.Contains(last.Path, bad.Message);
        Assert.Contains(mask, bad.Message);

        // Through the CLI: one error line naming the mask, exit code 2, and no output folder at all.
        string outBad = _study.Folder.File("out-bad");
        var cli = Cli.CliRunner.Run("study", "--data", copy, "--ids", "id_04", "--out", outBad);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(mask, cli.StandardError);
        Assert.False(Directory.Exists(outBad), $"a failed study left {outBad} behind");
    }

    [Fact]
    public void Report_figures_and_map_files_hold_the_map_each_one_is_named_after()
    {
        var figures = ReportFigures.Read(File.ReadAllText(_study.Folder.File("out", "index.html")));
        var tolerances = new Dictionary<(string, string), double>();
        foreach (MachineIdStudy s in _study.Result.Ids)
        {
            string who = $"{s.MachineType} {s.MachineId}: ";
            foreach (var (titleStart, map) in new (string, double[,])[]
            {
                ("mean normal log-mel", s.MeanNormal), ("mean anomalous log-mel", s.MeanAnomaly), ("anomalous − normal", s.Difference),
                ("localisation, mean |anomaly", s.Localization), ("normal variability", s.NormalVariability), ("excess localisation", s.ExcessLocalization),
            })
            {
                ReportFigure figure = Assert.Single(figures, f => f.Title.StartsWith(who + titleStart, StringComparison.Ordinal));
                double[][] z = figure.Z();
                Assert.Equal(s.NMels, z.Length);
                // Plotted values are rounded to 0.01 dB, and large heatmaps packed at 127 levels (PlotlyFigureHtml): each value
                // within that of its map; a neighbouring map differs by far more somewhere (checked below).
                double tolerance = 0.006 + figure.PackingError();
                double worst = Enumerable.Range(0, s.NMels).SelectMany(m => Enumerable.Range(0, s.Frames).Select(t => Math.Abs(z[m][t] - map[m, t]))).Max();
                Assert.True(worst <= tolerance, $"figure '{figure.Title}' differs from its map by up to {worst:0.000} dB (allowed {tolerance:0.000})");
                tolerances[(s.MachineId, titleStart)] = tolerance;
            }
            foreach (var (name, map) in StudyOutput.Maps(s))
            {
                float[,] stored = AnomalyLab.IO.NpyFile.Read(_study.Folder.File("out", "maps", $"{s.MachineType}__{s.MachineId}__{name}.npy")).To2D();
                double worst = Enumerable.Range(0, s.NMels).SelectMany(m => Enumerable.Range(0, s.Frames).Select(t => Math.Abs(stored[m, t] - map[m, t]))).Max();
                Assert.True(worst <= 1e-4 * Math.Max(1, Math.Abs(map.Cast<double>().Max())), $"maps/{name}.npy of {s.MachineId} differs from the map by {worst}");
            }
        }
        // The excess map (not the difference map) is what the stored excess file holds: the two really differ here.
        MachineIdStudy first = _study.Result.Ids[0];
        double largestGap = Enumerable.Range(0, first.NMels).SelectMany(m => Enumerable.Range(0, first.Frames).Select(t => Math.Abs(first.Difference[m, t] - first.ExcessLocalization[m, t]))).Max();
        double excessTolerance = tolerances[(first.MachineId, "excess localisation")];
        Assert.True(largestGap > 2 * excessTolerance, $"difference and excess maps differ by at most {largestGap} dB, the figure check allows {excessTolerance}: it could not tell them apart");
    }
}
