using AnomalyLab.Data;

namespace AnomalyLab.Tests.Data;

public class ClipNameParserTests
{
    [Fact]
    public void Dcase2020_name_gives_label_id_and_number()
    {
        ClipRecord clip = ClipNameParser.ParseDcase2020("/d/fan/test/anomaly_id_04_00000123.wav", "fan", DataSplit.Test)!;
        Assert.Equal("fan", clip.MachineType);
        Assert.Equal("id_04", clip.MachineId);
        Assert.Equal(ClipLabel.Anomaly, clip.Label);
        Assert.Equal(DataSplit.Test, clip.Split);
        Assert.Equal(ClipDomain.None, clip.Domain);
        Assert.Equal("00000123", clip.ClipNumber);
        Assert.Equal("fan__id_04", clip.CompositeId);
    }

    [Fact]
    public void Dcase2020_evaluation_name_without_label_is_unknown()
    {
        ClipRecord clip = ClipNameParser.ParseDcase2020("id_05_00000001.wav", "ToyCar", DataSplit.Test)!;
        Assert.Equal(ClipLabel.Unknown, clip.Label);
        Assert.Equal("id_05", clip.MachineId);
    }

    [Theory]
    [InlineData("normal_id_0a_00000000.wav")]
    [InlineData("abnormal_id_00_00000000.wav")]
    [InlineData("normal_id_00_00000000.flac")]
    [InlineData("normal_00000000.wav")]
    public void Dcase2020_parser_rejects_other_names(string name) =>
        Assert.Null(ClipNameParser.ParseDcase2020(name, "fan", DataSplit.Train));

    [Fact]
    public void Dcase2023_name_gives_section_domain_and_attribute_pairs()
    {
        ClipRecord clip = ClipNameParser.ParseDcase2023("section_00_target_test_anomaly_0021_vel_8_loc_G.wav", "bearing", DataSplit.Test)!;
        Assert.Equal("section_00", clip.MachineId);
        Assert.Equal(ClipDomain.Target, clip.Domain);
        Assert.Equal(ClipLabel.Anomaly, clip.Label);
        Assert.Equal("0021", clip.ClipNumber);
        Assert.Equal(["vel", "loc"], clip.Attributes.Select(a => a.Key));
        Assert.Equal("8", clip.Attribute("vel"));
        Assert.Equal("G", clip.Attribute("loc"));
        Assert.Null(clip.Attribute("speed"));
    }

    [Fact]
    public void Dcase2023_split_in_name_must_agree_with_folder() =>
        Assert.Null(ClipNameParser.ParseDcase2023("section_00_source_train_normal_0001_a_1.wav", "fan", DataSplit.Test));

    [Fact]
    public void Dcase2023_prefixed_flat_name_parses_type_and_keeps_values_with_dots_and_dashes()
    {
        ClipRecord fan = ClipNameParser.ParseDcase2023Prefixed("fan_train_section_00_source_train_normal_0040_m-n_X.wav")!;
        Assert.Equal("fan", fan.MachineType);
        Assert.Equal(DataSplit.Train, fan.Split);
        Assert.Equal(ClipDomain.Source, fan.Domain);
        Assert.Equal("X", fan.Attribute("m-n"));
        ClipRecord gearbox = ClipNameParser.ParseDcase2023Prefixed("gearbox_test_section_00_target_test_anomaly_0040_volt_1.5_wt_130.wav")!;
        Assert.Equal("1.5", gearbox.Attribute("volt"));
        Assert.Equal("130", gearbox.Attribute("wt"));
        ClipRecord toy = ClipNameParser.ParseDcase2023Prefixed("ToyCar_test_section_00_source_test_normal_0028_car_C2_spd_34V_mic_1.wav")!;
        Assert.Equal("ToyCar", toy.MachineType);
        Assert.Equal(["car", "spd", "mic"], toy.Attributes.Select(a => a.Key));
    }

    [Fact]
    public void Prefixed_split_disagreeing_with_the_original_name_is_rejected() =>
        Assert.Null(ClipNameParser.ParseDcase2023Prefixed("fan_test_section_00_source_train_normal_0040_m-n_X.wav"));

    [Fact]
    public void Odd_attribute_tail_keeps_the_last_token_as_a_key() =>
        Assert.Equal([new("noAttribute", "")], ClipNameParser.ParseAttributes("noAttribute"));

    [Fact]
    public void Mimii_path_parts_give_snr_machine_id_and_label()
    {
        Assert.True(ClipNameParser.TryParseMimiiSnrFolder("-6_dB_fan", out string snr, out string machine));
        Assert.Equal(("-6_dB", "fan"), (snr, machine));
        ClipRecord clip = ClipNameParser.ParseMimii("/m/-6_dB_fan/fan/id_02/abnormal/00000007.wav", "fan", "id_02", "abnormal", snr)!;
        Assert.Equal(ClipLabel.Anomaly, clip.Label);
        Assert.Equal(DataSplit.Unsplit, clip.Split);
        Assert.Equal("-6_dB", clip.Attribute("snr"));
        Assert.Null(ClipNameParser.ParseMimii("x/00000007.wav", "fan", "id_02", "broken", snr));
        Assert.False(ClipNameParser.TryParseMimiiSnrFolder("fan", out _, out _));
    }
}
