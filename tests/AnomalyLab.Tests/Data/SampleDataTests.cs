using AnomalyLab.Data;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

/// <summary>
/// The notebooks' data lookup (<see cref="SampleData.Resolve"/>, used by notebooks 01, 02, 03 and 06) and the DCASE 2023 sample's
/// clips (<see cref="SampleData.Dcase2023Clips"/>, notebook 04).
/// </summary>
public sealed class SampleDataTests
{
    [Fact]
    public void No_data_means_the_synthetic_default_and_the_machine_as_given()
    {
        SampleDataChoice choice = SampleData.Resolve("", "fan");
        Assert.Null(choice.Folder);
        Assert.True(choice.IsSynthetic);
        Assert.Equal("fan", choice.Machine);
        Assert.Equal(new SampleDataChoice(null, ""), SampleData.Resolve(null, ""));
    }

    [Fact]
    public void The_shared_data_folder_means_its_dcase2020_sample_and_slider_unless_the_sample_holds_the_machine()
    {
        using var folder = new TempFolder();
        string sample = folder.File(SampleData.Dcase2020Folder);
        Directory.CreateDirectory(Path.Combine(sample, "slider", "train"));
        Directory.CreateDirectory(Path.Combine(sample, "ToyCar", "train"));

        Assert.Equal(new SampleDataChoice(sample, "slider"), SampleData.Resolve(folder.Path, "fan"));
        Assert.Equal(new SampleDataChoice(sample, "slider"), SampleData.Resolve(folder.Path, ""));
        Assert.Equal(new SampleDataChoice(sample, "ToyCar"), SampleData.Resolve(folder.Path, "ToyCar"));
        Assert.False(SampleData.Resolve(folder.Path, "fan").IsSynthetic);
    }

    [Fact]
    public void Any_other_folder_is_the_dataset_root_as_a_full_path()
    {
        using var folder = new TempFolder();
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, folder.Path);
        SampleDataChoice choice = SampleData.Resolve(relative, "pump");
        Assert.Equal(new SampleDataChoice(folder.Path, "pump"), choice);
        Assert.Equal(folder.Path, choice.Root());
    }

    [Fact]
    public void Dcase2023_clips_are_parsed_from_their_names_in_ordinal_path_order()
    {
        using var folder = new TempFolder();
        string sample = folder.File(SampleData.Dcase2023Folder);
        Directory.CreateDirectory(sample);
        string[] names =
        [
            "fan_train_section_00_source_train_normal_0040_m-n_X.wav",
            "ToyCar_test_section_00_source_test_anomaly_0028_car_C2_spd_34V_mic_1.wav",
            "ToyCar_test_section_00_source_test_normal_0029_car_C2_spd_34V_mic_1.wav",
        ];
        foreach (string name in names) File.WriteAllBytes(Path.Combine(sample, name), []);
        File.WriteAllText(Path.Combine(sample, "README.txt"), "not a clip");

        var clips = SampleData.Dcase2023Clips(folder.Path);

        Assert.Equal(names.Order(StringComparer.Ordinal), clips.Select(c => c.FileName));
        Assert.Equal(["ToyCar", "ToyCar", "fan"], clips.Select(c => c.MachineType));
        Assert.Equal([true, false, false], clips.Select(c => c.Label == ClipLabel.Anomaly));
        // Notebook 04's cell, with a stand-in embedding: the same calls type-check.
        var types = clips.Select(c => c.MachineType).ToList();
        IReadOnlyList<string> paths = clips.Select(c => c.Path).ToList();
        Assert.Equal(3, paths.Count);
        Assert.NotNull(AnomalyLab.Embeddings.EmbeddingPlots.Scatter(new double[clips.Count, 2], types, "DCASE 2023: t-SNE 2-D by machine type", clips.Select(c => c.FileName).ToList()));
    }

    [Fact]
    public void A_wav_name_outside_the_convention_is_an_error_naming_the_file_and_a_missing_sample_folder_too()
    {
        using var folder = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => SampleData.Dcase2023Clips(folder.Path));
        string sample = folder.File(SampleData.Dcase2023Folder);
        Directory.CreateDirectory(sample);
        File.WriteAllBytes(Path.Combine(sample, "recording.wav"), []);
        var error = Assert.Throws<InvalidDataException>(() => SampleData.Dcase2023Clips(folder.Path));
        Assert.Contains("recording.wav", error.Message);
    }

    [SharedDataFact]
    public void On_the_shared_data_the_lookup_and_the_dcase2023_clips_match_what_the_notebooks_did_by_hand()
    {
        string data = RepoPaths.SharedData;
        // Notebooks 02, 03 and 06 before: (data, machine) = (data/dcase2020-task2-dev-sample, "slider").
        SampleDataChoice choice = SampleData.Resolve(data, "fan");
        Assert.Equal((Path.GetFullPath(Path.Combine(data, "dcase2020-task2-dev-sample")), "slider"), (choice.Folder, choice.Machine));
        Assert.Equal("slider", SampleData.Resolve(data, "").Machine); // notebook 01's default: every type → slider

        // Notebook 04 before: every *.wav in ordinal order, type = text before the first '_', anomalous = "_anomaly_" in the path.
        var files = Directory.GetFiles(Path.Combine(data, "dcase2023-task2-dev-sample"), "*.wav").Order(StringComparer.Ordinal).ToList();
        var clips = SampleData.Dcase2023Clips(data);
        Assert.Equal(files, clips.Select(c => c.Path));
        Assert.Equal(files.Select(f => Path.GetFileName(f).Split('_')[0]), clips.Select(c => c.MachineType));
        Assert.Equal(files.Select(f => f.Contains("_anomaly_")), clips.Select(c => c.Label == ClipLabel.Anomaly));
    }
}
