using AnomalyLab.Data;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

public class DatasetScannerTests
{
    private static void Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
    }

    [Fact]
    public void Dcase2020_tree_is_parsed_and_stray_files_are_reported_not_mixed_in()
    {
        using var temp = new TempFolder();
        Touch(temp.File("fan", "train", "normal_id_00_00000000.wav"));
        Touch(temp.File("fan", "train", "normal_id_02_00000001.wav"));
        Touch(temp.File("fan", "test", "anomaly_id_00_00000000.wav"));
        Touch(temp.File("fan", "test", "normal_id_00_00000000.wav"));
        Touch(temp.File("fan", "test", "notes.txt"));
        Touch(temp.File("fan", "test", "copy of normal_id_00.wav"));
        Touch(temp.File("fan", "train", "nested", "normal_id_00_00000009.wav"));
        Touch(temp.File("fan", "train", ".hidden.wav"));
        Directory.CreateDirectory(temp.File("ground_truth", "fan"));

        DatasetScan scan = DatasetScanner.Scan(temp.Path);

        Assert.Equal(DatasetLayout.Dcase2020, scan.Layout);
        Assert.Equal(4, scan.Clips.Count);
        Assert.Equal(["fan"], scan.MachineTypes);
        Assert.Equal(3, scan.Unmatched.Count);
        Assert.Contains(scan.Unmatched.Examples, p => p.EndsWith("notes.txt"));
        Assert.Contains(scan.Unmatched.Examples, p => p.EndsWith(Path.Combine("nested", "normal_id_00_00000009.wav")));
        Assert.Contains("3 file(s) match no naming convention", scan.Unmatched.ToString());
        Assert.Equal([temp.File("ground_truth")], scan.SkippedFolders);
        Assert.Equal(2, scan.Select("fan", DataSplit.Test).Count);
        Assert.Single(scan.Select("fan", DataSplit.Test, ClipLabel.Anomaly));
    }

    [Fact]
    public void Root_that_is_itself_a_machine_type_folder_is_accepted()
    {
        using var temp = new TempFolder();
        Touch(temp.File("valve", "train", "normal_id_00_00000000.wav"));
        DatasetScan scan = DatasetScanner.Scan(temp.File("valve"));
        Assert.Equal("valve", Assert.Single(scan.Clips).MachineType);
    }

    [Fact]
    public void Nested_dcase2023_tree_is_detected()
    {
        using var temp = new TempFolder();
        Touch(temp.File("bearing", "train", "section_00_source_train_normal_0000_vel_6_loc_A.wav"));
        Touch(temp.File("bearing", "test", "section_00_target_test_anomaly_0001_vel_8_loc_G.wav"));
        DatasetScan scan = DatasetScanner.Scan(temp.Path);
        Assert.Equal(DatasetLayout.Dcase2023, scan.Layout);
        Assert.Equal([ClipDomain.Target, ClipDomain.Source], scan.Clips.Select(c => c.Domain));
        Assert.Equal(0, scan.Unmatched.Count);
    }

    [Fact]
    public void Mimii_raw_tree_is_detected_with_snr_attribute()
    {
        using var temp = new TempFolder();
        Touch(temp.File("6_dB_pump", "pump", "id_00", "normal", "00000000.wav"));
        Touch(temp.File("6_dB_pump", "pump", "id_00", "abnormal", "00000000.wav"));
        Touch(temp.File("-6_dB_pump", "pump", "id_02", "normal", "00000003.wav"));
        Touch(temp.File("-6_dB_pump", "pump", "id_02", "weird", "00000003.wav"));
        DatasetScan scan = DatasetScanner.Scan(temp.Path);
        Assert.Equal(DatasetLayout.MimiiRaw, scan.Layout);
        Assert.Equal(3, scan.Clips.Count);
        Assert.Equal(1, scan.Unmatched.Count);
        Assert.Equal(["-6_dB", "6_dB", "6_dB"], scan.Clips.Select(c => c.Attribute("snr")));
    }

    [Fact]
    public void Missing_root_names_the_folder_and_the_expected_layout()
    {
        string missing = Path.Combine(Path.GetTempPath(), "anomalylab-no-such-dataset-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DatasetLayoutException>(() => DatasetScanner.Scan(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("<root>/<machine_type>/{train,test}", e.Message);
    }

    [Fact]
    public void Empty_folder_says_what_was_expected_and_what_is_there()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("random"));
        var e = Assert.Throws<DatasetLayoutException>(() => DatasetScanner.Scan(temp.Path));
        Assert.Contains(temp.Path, e.Message);
        Assert.Contains("no recognisable dataset layout", e.Message);
        Assert.Contains("random", e.Message);
    }

    [Fact]
    public void Machine_type_folders_with_empty_splits_report_no_clips()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("fan", "train"));
        Directory.CreateDirectory(temp.File("fan", "test"));
        var e = Assert.Throws<DatasetLayoutException>(() => DatasetScanner.Scan(temp.Path, DatasetLayout.Dcase2020));
        Assert.Contains("no clips found for layout Dcase2020", e.Message);
        Assert.Contains("{normal,anomaly}_id_XX_NNNNNNNN.wav", e.Message);
    }

    [Fact]
    public void Asking_for_an_absent_machine_type_lists_the_present_ones()
    {
        using var temp = new TempFolder();
        Touch(temp.File("fan", "train", "normal_id_00_00000000.wav"));
        var e = Assert.Throws<DatasetLayoutException>(() => DatasetScanner.Scan(temp.Path, machineTypes: ["pump"]));
        Assert.Contains("pump", e.Message);
        Assert.Contains("found fan", e.Message);
        DatasetScan scan = DatasetScanner.Scan(temp.Path);
        var missingSplit = Assert.Throws<DatasetLayoutException>(() => scan.Select("fan", DataSplit.Test));
        Assert.Contains("fan/test/{normal,anomaly}_id_XX_NNNNNNNN.wav", missingSplit.Message);
    }

    [SharedDataFact]
    public void Shared_dcase2020_sample_has_slider_ids_and_ToyCar()
    {
        DatasetScan scan = DatasetScanner.Scan(RepoPaths.Shared("dcase2020-task2-dev-sample"));
        Assert.Equal(DatasetLayout.Dcase2020, scan.Layout);
        Assert.Equal(["ToyCar", "slider"], scan.MachineTypes);
        Assert.Equal(75, scan.Select("slider", DataSplit.Train, ClipLabel.Normal).Count);
        var test = scan.Select("slider", DataSplit.Test);
        Assert.Equal(80, test.Count);
        Assert.Equal(["id_00", "id_02", "id_04", "id_06"], test.Select(c => c.MachineId).Distinct().Order());
        Assert.All(test.GroupBy(c => (c.MachineId, c.Label)), g => Assert.Equal(10, g.Count()));
        Assert.Equal(2, scan.Select("ToyCar", DataSplit.Test).Count);
        Assert.Equal(0, scan.Unmatched.Count);
    }

    [SharedDataFact]
    public void Shared_dcase2023_flat_prefixed_sample_gives_seven_types_with_attributes()
    {
        DatasetScan scan = DatasetScanner.Scan(RepoPaths.Shared("dcase2023-task2-dev-sample"));
        Assert.Equal(DatasetLayout.Dcase2023, scan.Layout);
        Assert.Equal(28, scan.Clips.Count);
        Assert.Equal(["ToyCar", "ToyTrain", "bearing", "fan", "gearbox", "slider", "valve"], scan.MachineTypes);
        Assert.Equal(14, scan.Clips.Count(c => c.Split == DataSplit.Train));
        ClipRecord fan = scan.Clips.Single(c => c.FileName == "fan_test_section_00_source_test_anomaly_0022_m-n_W.wav");
        Assert.Equal((ClipDomain.Source, ClipLabel.Anomaly, "section_00", "W"), (fan.Domain, fan.Label, fan.MachineId, fan.Attribute("m-n")));
        Assert.Equal(0, scan.Unmatched.Count);
    }

    [SharedDataFact]
    public void Shared_mimii_sample_is_not_the_raw_layout_and_says_so()
    {
        var e = Assert.Throws<DatasetLayoutException>(() => DatasetScanner.Scan(RepoPaths.Shared("mimii-raw-sample")));
        Assert.Contains("<snr>_dB_<machine>", e.Message);
        Assert.Contains("8 file(s)", e.Message);
    }
}
