using AnomalyLab.Data;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

public class ManifestVerifierTests
{
    private static DataManifest Manifest(string name) => DataManifest.Load(Path.Combine(RepoPaths.Root, "data-manifests", name + ".json"));

    [Fact]
    public void Every_committed_manifest_loads_and_never_claims_a_checksum_it_does_not_have()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "data-manifests"), "*.json");
        Assert.True(files.Length >= 7);
        foreach (string file in files)
        {
            DataManifest manifest = DataManifest.Load(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), manifest.Name);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Licence), file);
            if (manifest.Archives.Any(a => a.Sha256 == null && a.Md5 == null)) Assert.Contains("hecksum", manifest.Notes);
        }
    }

    [Fact]
    public void Locate_finds_by_name_and_lists_known_names_otherwise()
    {
        Assert.EndsWith(Path.Combine("data-manifests", "mimii.json"), DataManifest.Locate("mimii"));
        var e = Assert.Throws<FileNotFoundException>(() => DataManifest.Locate("no-such-dataset"));
        Assert.Contains("dcase2020-task2-dev", e.Message);
    }

    [Fact]
    public void Invalid_manifest_names_the_file_and_fields()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("m.json"), """{"name": "x", "parts": [{"layout": "weird"}], "archives": [{"name": "a.zip", "sha256": "abc"}]}""");
        var e = Assert.Throws<InvalidDataException>(() => DataManifest.Load(temp.File("m.json")));
        Assert.Contains(temp.File("m.json"), e.Message);
        Assert.Contains("layout 'weird'", e.Message);
        Assert.Contains("sha256 is not 64 hex digits", e.Message);
    }

    [Fact]
    public void Synthetic_dataset_matches_its_manifest_and_damage_is_reported()
    {
        using var temp = new TempFolder();
        SyntheticDataset.Generate(temp.Path, DataTestTrees.Tiny());
        var manifest = new DataManifest
        {
            Name = "tiny",
            Parts = [new ManifestPart
            {
                Layout = "dcase2020",
                Audio = new ManifestAudio(16000, 1, 16),
                Counts = [new("fan", "train", "normal", 6), new("fan", "test", "normal", 4), new("fan", "test", "anomaly", 4)],
            }],
        };
        VerifyReport good = ManifestVerifier.Verify(temp.Path, manifest);
        Assert.True(good.Passed(), string.Join("\n", good.Rows));

        File.WriteAllText(temp.File("fan", "test", "normal_id_00_00000000.wav"), "RIFX");
        File.WriteAllText(temp.File("fan", "test", "readme.txt"), "x");
        DataTestTrees.WriteTone(temp.File("fan", "train", "normal_id_00_00000099.wav"), seconds: 1, channels: 2);
        VerifyReport bad = ManifestVerifier.Verify(temp.Path, manifest);
        Assert.False(bad.Passed(allowPartial: true));
        Assert.Contains(bad.Rows, r => r.Item == "fan/train/normal" && r.Status == VerifyStatus.Extra && r.Found == 7);
        Assert.Contains(bad.Rows, r => r.Status == VerifyStatus.Unmatched && r.Detail!.Contains("readme.txt"));
        Assert.Contains(bad.Rows, r => r.Status == VerifyStatus.Unreadable && r.Detail!.Contains("normal_id_00_00000000.wav") && r.Detail.Contains("too short for a RIFF header"));
        Assert.Contains(bad.Rows, r => r.Status == VerifyStatus.WrongFormat && r.Detail!.Contains("2 ch"));
    }

    [Fact]
    public void Missing_folder_is_reported_per_part()
    {
        using var temp = new TempFolder();
        VerifyReport report = ManifestVerifier.Verify(temp.Path, Manifest("shared-samples"));
        Assert.Contains(report.Rows, r => r.Part == "mimii-raw-sample" && r.Status == VerifyStatus.Missing && r.Detail!.Contains("not found"));
        Assert.False(report.Passed());
    }

    [SharedDataFact]
    public void Shared_samples_match_their_sample_manifest_including_checksums()
    {
        VerifyReport report = ManifestVerifier.Verify(RepoPaths.SharedData, Manifest("shared-samples"));
        Assert.True(report.Passed(), string.Join("\n", report.Rows.Where(r => r.Status != VerifyStatus.Ok)));
        Assert.Contains(report.Rows, r => r.Item == "checksums (SHA256SUMS)" && r.Found > 100 && r.Status == VerifyStatus.Ok);
        Assert.Contains(report.Rows, r => r.Part == "cwru-bearing-12k-drive-end-0hp" && r.Item == "readable MAT headers" && r.Found == 10);
        Assert.Contains(report.Rows, r => r.Part == "mimii-raw-sample" && r.Item.StartsWith("format 16000 Hz / 8 ch") && r.Found == 8);
    }

    [SharedDataFact]
    public void Full_dataset_manifests_report_the_samples_as_partial()
    {
        VerifyReport dcase2020 = ManifestVerifier.Verify(RepoPaths.Shared("dcase2020-task2-dev-sample"), Manifest("dcase2020-task2-dev"));
        Assert.False(dcase2020.Passed());
        Assert.True(dcase2020.Passed(allowPartial: true), string.Join("\n", dcase2020.Rows));
        Assert.Contains(dcase2020.Rows, r => r.Item == "slider/train/normal" && r.Expected == 2804 && r.Found == 75 && r.Status == VerifyStatus.Partial);
        Assert.Contains(dcase2020.Rows, r => r.Item == "fan/train/normal" && r.Status == VerifyStatus.Missing);

        VerifyReport dcase2023 = ManifestVerifier.Verify(RepoPaths.Shared("dcase2023-task2-dev-sample"), Manifest("dcase2023-task2-dev"));
        Assert.True(dcase2023.Passed(allowPartial: true), string.Join("\n", dcase2023.Rows));
        Assert.Contains(dcase2023.Rows, r => r.Item == "fan/train/source/normal" && r.Found == 2 && r.Status == VerifyStatus.Partial);

        VerifyReport cwru = ManifestVerifier.Verify(RepoPaths.Shared("cwru-bearing-12k-drive-end-0hp"), Manifest("cwru-bearing-12k-drive-end-0hp"));
        Assert.Contains(cwru.Rows, r => r.Item == "listed files" && r.Status == VerifyStatus.Missing);
        Assert.Contains(cwru.Rows, r => r.Item == "files not listed" && r.Found == 10);
    }

    [Fact]
    public void Mat_header_check_names_the_problem()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("x.mat"), new byte[200]);
        var e = Assert.Throws<InvalidDataException>(() => MatFileHeader.Check(temp.File("x.mat")));
        Assert.Contains(temp.File("x.mat"), e.Message);
        Assert.Contains("MATLAB 5.0 MAT-file", e.Message);
    }
}
