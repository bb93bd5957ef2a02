using System.Text.RegularExpressions;

namespace AnomalyLab.Data;

/// <summary>
/// Parses DCASE and MIMII clip file names into <see cref="ClipRecord"/>s. Pure functions: a name that does not match
/// its convention returns null (the scanner reports it), never a guess.
/// </summary>
public static partial class ClipNameParser
{
    /// <summary>
    /// DCASE 2020 Task 2: <c>{normal,anomaly}_id_XX_NNNNNNNN.wav</c>, or <c>id_XX_NNNNNNNN.wav</c> (evaluation test, label unknown).
    /// </summary>
    public static ClipRecord? ParseDcase2020(string path, string machineType, DataSplit split)
    {
        Match m = Dcase2020Pattern().Match(System.IO.Path.GetFileName(path));
        if (!m.Success) return null;
        ClipLabel label = m.Groups["label"].Success ? ParseLabel(m.Groups["label"].Value) : ClipLabel.Unknown;
        return new ClipRecord(machineType, m.Groups["id"].Value, ClipDomain.None, split, label, m.Groups["num"].Value, [], path);
    }

    /// <summary>
    /// DCASE 2021–2023 Task 2: <c>section_XX_{source,target}_{train,test}_{normal,anomaly}_NNNN[_attributes].wav</c> inside
    /// <c>&lt;type&gt;/&lt;split&gt;/</c>, or <c>section_XX_NNNN.wav</c> (evaluation test). The split in the name must agree with
    /// <paramref name="folderSplit"/>; a disagreement returns null (reported, not mixed in).
    /// </summary>
    public static ClipRecord? ParseDcase2023(string path, string machineType, DataSplit folderSplit)
    {
        string name = System.IO.Path.GetFileName(path);
        Match m = Dcase2023Pattern().Match(name);
        if (m.Success)
        {
            DataSplit split = ParseSplit(m.Groups["split"].Value);
            if (split != folderSplit) return null;
            return FromDcase2023Match(m, machineType, split, path);
        }
        Match eval = Dcase2023EvalPattern().Match(name);
        if (!eval.Success) return null;
        return new ClipRecord(machineType, "section_" + eval.Groups["sec"].Value, ClipDomain.None, folderSplit, ClipLabel.Unknown, eval.Groups["num"].Value, [], path);
    }

    /// <summary>
    /// The flat form with machine type and split prefixed to the original DCASE 2021+ name:
    /// <c>&lt;type&gt;_&lt;split&gt;_section_XX_..._.wav</c> (e.g. <c>fan_train_section_00_source_train_normal_0040_m-n_X.wav</c>).
    /// The prefixed split must agree with the split inside the original name.
    /// </summary>
    public static ClipRecord? ParseDcase2023Prefixed(string path)
    {
        Match m = Dcase2023PrefixedPattern().Match(System.IO.Path.GetFileName(path));
        if (!m.Success) return null;
        DataSplit split = ParseSplit(m.Groups["split"].Value);
        if (ParseSplit(m.Groups["prefsplit"].Value) != split) return null;
        return FromDcase2023Match(m, m.Groups["type"].Value, split, path);
    }

    /// <summary>
    /// MIMII raw: <c>NNNNNNNN.wav</c> inside <c>&lt;machine&gt;/id_XX/{normal,abnormal}/</c>; the SNR folder prefix
    /// (<c>-6_dB</c>) becomes the attribute <c>snr</c>.
    /// </summary>
    public static ClipRecord? ParseMimii(string path, string machineType, string machineId, string labelFolder, string snr)
    {
        Match m = MimiiPattern().Match(System.IO.Path.GetFileName(path));
        if (!m.Success || !MachineIdPattern().IsMatch(machineId)) return null;
        ClipLabel label = labelFolder switch
        {
            "normal" => ClipLabel.Normal,
            "abnormal" => ClipLabel.Anomaly,
            _ => ClipLabel.Unknown,
        };
        if (label == ClipLabel.Unknown) return null;
        return new ClipRecord(machineType, machineId, ClipDomain.None, DataSplit.Unsplit, label, m.Groups["num"].Value,
            [new KeyValuePair<string, string>("snr", snr)], path);
    }

    /// <summary>
    /// DCASE 2021+ attribute tail as key/value pairs: <c>vel_9_loc_A</c> → (vel, 9), (loc, A). An odd trailing token
    /// (<c>noAttribute</c>) becomes a key with an empty value, so nothing in the name is lost.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseAttributes(string tail)
    {
        if (string.IsNullOrEmpty(tail)) return [];
        string[] tokens = tail.Split('_');
        var pairs = new List<KeyValuePair<string, string>>(tokens.Length / 2 + 1);
        for (int i = 0; i < tokens.Length; i += 2)
            pairs.Add(new KeyValuePair<string, string>(tokens[i], i + 1 < tokens.Length ? tokens[i + 1] : ""));
        return pairs;
    }

    /// <summary>True for a MIMII SNR folder name such as <c>-6_dB_fan</c>; gives the SNR (<c>-6_dB</c>) and machine (<c>fan</c>).</summary>
    public static bool TryParseMimiiSnrFolder(string folderName, out string snr, out string machine)
    {
        Match m = MimiiSnrFolderPattern().Match(folderName);
        snr = m.Success ? m.Groups["snr"].Value + "_dB" : "";
        machine = m.Success ? m.Groups["machine"].Value : "";
        return m.Success;
    }

    /// <summary>Parses <c>train</c>/<c>test</c>.</summary>
    public static DataSplit ParseSplit(string text) => text switch
    {
        "train" => DataSplit.Train,
        "test" => DataSplit.Test,
        _ => throw new FormatException($"'{text}' is not a split: expected 'train' or 'test'."),
    };

    private static ClipLabel ParseLabel(string text) => text == "normal" ? ClipLabel.Normal : ClipLabel.Anomaly;

    private static ClipRecord FromDcase2023Match(Match m, string machineType, DataSplit split, string path) =>
        new(machineType, "section_" + m.Groups["sec"].Value,
            m.Groups["domain"].Value == "source" ? ClipDomain.Source : ClipDomain.Target,
            split, ParseLabel(m.Groups["label"].Value), m.Groups["num"].Value,
            ParseAttributes(m.Groups["attrs"].Success ? m.Groups["attrs"].Value : ""), path);

    [GeneratedRegex(@"^(?:(?<label>normal|anomaly)_)?(?<id>id_\d+)_(?<num>\d+)\.wav$")]
    private static partial Regex Dcase2020Pattern();

    [GeneratedRegex(@"^section_(?<sec>\d+)_(?<domain>source|target)_(?<split>train|test)_(?<label>normal|anomaly)_(?<num>\d+)(?:_(?<attrs>.+))?\.wav$")]
    private static partial Regex Dcase2023Pattern();

    [GeneratedRegex(@"^section_(?<sec>\d+)_(?<num>\d+)\.wav$")]
    private static partial Regex Dcase2023EvalPattern();

    [GeneratedRegex(@"^(?<type>[^_]+)_(?<prefsplit>train|test)_section_(?<sec>\d+)_(?<domain>source|target)_(?<split>train|test)_(?<label>normal|anomaly)_(?<num>\d+)(?:_(?<attrs>.+))?\.wav$")]
    private static partial Regex Dcase2023PrefixedPattern();

    [GeneratedRegex(@"^(?<num>\d+)\.wav$")]
    private static partial Regex MimiiPattern();

    [GeneratedRegex(@"^id_\d+$")]
    private static partial Regex MachineIdPattern();

    [GeneratedRegex(@"^(?<snr>-?\d+)_dB_(?<machine>.+)$")]
    private static partial Regex MimiiSnrFolderPattern();
}
