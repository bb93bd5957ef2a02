using System.Globalization;
using System.Text;
using System.Text.Json;
using AnomalyLab.Features;
using AnomalyLab.IO;

namespace AnomalyLab.Studies;

/// <summary>
/// The machine-readable result of a study: <c>summary.json</c> and <c>summary.csv</c>, one entry per machine id with
/// stable snake_case keys (other tools read them). Required keys: <see cref="RequiredKeys"/>; extra keys (excess peak,
/// mel mass range, temporal pattern, sign, residuals, ground-truth IoU) follow. Both files are written atomically.
/// </summary>
public static class StudySummary
{
    /// <summary>Schema tag written at the top of summary.json.</summary>
    public const string Schema = "anomalylab-study/1";

    /// <summary>Keys every machine id carries (the issue's contract).</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } =
    [
        "n_normal", "n_anomaly", "peak_mel", "peak_frame", "peak_mel_fraction", "peak_time_fraction", "diff_min", "diff_max",
        "band_mean_normal", "band_mean_anomaly", "frame_mean_normal", "frame_mean_anomaly", "band_var_normal", "band_var_anomaly",
    ];

    /// <summary>
    /// The ordered key/value pairs of one id: strings, integers, doubles or double arrays. Ground-truth keys
    /// (<c>gt_iou</c>, <c>gt_precision</c>, <c>gt_recall</c>) are present only when the id has ground truth.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Entries(MachineIdStudy s, StudyFeatureSettings features)
    {
        var e = new List<KeyValuePair<string, object>>();
        MelAxis mel = MelAxis.From(features.LogMel);
        double frameSeconds = (double)features.LogMel.HopLength / features.LogMel.SampleRate;
        void Add(string key, object value) => e.Add(new(key, value));
        Add("machine_type", s.MachineType);
        Add("machine_id", s.MachineId);
        Add("n_normal", s.NormalCount);
        Add("n_anomaly", s.AnomalyCount);
        Add("peak_mel", s.RawPeak.Mel);
        Add("peak_frame", s.RawPeak.Frame);
        Add("peak_mel_fraction", s.RawPeak.MelFraction);
        Add("peak_time_fraction", s.RawPeak.TimeFraction);
        Add("peak_value", s.RawPeak.Value);
        Add("peak_hz", mel.HzAt(s.RawPeak.Mel));
        Add("peak_seconds", s.RawPeak.Frame * frameSeconds);
        Add("diff_min", s.DifferenceMin);
        Add("diff_max", s.DifferenceMax);
        Add("excess_peak_mel", s.ExcessPeak.Mel);
        Add("excess_peak_frame", s.ExcessPeak.Frame);
        Add("excess_peak_mel_fraction", s.ExcessPeak.MelFraction);
        Add("excess_peak_time_fraction", s.ExcessPeak.TimeFraction);
        Add("excess_peak_value", s.ExcessPeak.Value);
        Add("excess_peak_hz", mel.HzAt(s.ExcessPeak.Mel));
        Add("excess_peak_seconds", s.ExcessPeak.Frame * frameSeconds);
        Add("half_mass_mel_low", s.ExcessMelRange.Low);
        Add("half_mass_mel_high", s.ExcessMelRange.High);
        Add("half_mass_share", s.ExcessMelRange.Share);
        Add("half_mass_hz_low", mel.HzAt(s.ExcessMelRange.Low));
        Add("half_mass_hz_high", mel.HzAt(s.ExcessMelRange.High));
        Add("temporal_pattern", s.Temporal.Shape == TemporalShape.Segmented ? "segmented" : "stationary");
        Add("half_mass_frame_fraction", s.Temporal.HalfMassFrameFraction);
        Add("energy_sign", s.Sign.Direction.ToString().ToLowerInvariant());
        Add("energy_added_share", s.Sign.AddedShare);
        Add("top_region_mean_diff", s.Sign.MeanDifference);
        Add("top_region_cells", TopRegion.Count(s.TopRegion));
        Add("residual_model", s.ReconstructionModel);
        Add("residual_mean_normal", s.NormalResidual.Mean);
        Add("residual_mean_anomaly", s.AnomalyResidual.Mean);
        if (s.GroundTruthOverlap is { } gt)
        {
            Add("gt_iou", gt.Iou);
            Add("gt_precision", gt.Precision);
            Add("gt_recall", gt.Recall);
            Add("gt_cells", gt.TrueCells);
            Add("gt_chance_iou", gt.ChanceIou);
        }
        Add("feature_preset", features.Preset);
        Add("normalize", features.Standardisation);
        Add("n_mels", s.NMels);
        Add("frames", s.Frames);
        Add("band_mean_normal", s.NormalStatistics.BandMean);
        Add("band_mean_anomaly", s.AnomalyStatistics.BandMean);
        Add("frame_mean_normal", s.NormalStatistics.FrameMean);
        Add("frame_mean_anomaly", s.AnomalyStatistics.FrameMean);
        Add("band_var_normal", s.NormalStatistics.BandTemporalVariance);
        Add("band_var_anomaly", s.AnomalyStatistics.BandTemporalVariance);
        Add("band_effect_size", s.BandEffectSize);
        return e;
    }

    /// <summary>
    /// summary.json: <c>{ schema, features: { preset, normalize, source, log_mel: {...} }, machines: { type: { id: { keys } } } }</c>.
    /// </summary>
    public static string ToJson(IReadOnlyList<MachineIdStudy> studies, StudyFeatureSettings features)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteStartObject("features");
            w.WriteString("preset", features.Preset);
            w.WriteString("normalize", features.Standardisation);
            w.WriteString("source", features.Source);
            w.WritePropertyName("log_mel");
            WriteLogMel(w, features.LogMel);
            w.WriteEndObject();
            w.WriteStartObject("machines");
            foreach (var type in studies.GroupBy(s => s.MachineType))
            {
                w.WriteStartObject(type.Key);
                foreach (MachineIdStudy s in type)
                {
                    w.WriteStartObject(s.MachineId);
                    foreach (var (key, value) in Entries(s, features)) WriteValue(w, key, value);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// summary.csv: a header of the keys (union over ids, in first-seen order) and one row per id; arrays are
    /// space-separated numbers inside one quoted cell; invariant culture, round-trip precision.
    /// </summary>
    public static string ToCsv(IReadOnlyList<MachineIdStudy> studies, StudyFeatureSettings features)
    {
        var rows = studies.Select(s => Entries(s, features)).ToList();
        var keys = new List<string>();
        foreach (var row in rows)
            foreach (var (key, _) in row)
                if (!keys.Contains(key)) keys.Add(key);
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', keys));
        foreach (var row in rows)
        {
            var lookup = row.ToDictionary(p => p.Key, p => p.Value);
            text.AppendLine(string.Join(',', keys.Select(k => lookup.TryGetValue(k, out object? v) ? CsvCell(v) : "")));
        }
        return text.ToString();
    }

    /// <summary>Writes <c>summary.json</c> and <c>summary.csv</c> into <paramref name="folder"/> atomically.</summary>
    public static void Write(string folder, IReadOnlyList<MachineIdStudy> studies, StudyFeatureSettings features)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.json"), ToJson(studies, features));
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.csv"), ToCsv(studies, features));
    }

    private static void WriteLogMel(Utf8JsonWriter w, LogMelOptions o)
    {
        w.WriteStartObject();
        w.WriteNumber("sample_rate", o.SampleRate);
        w.WriteNumber("n_fft", o.NFft);
        w.WriteNumber("hop_length", o.HopLength);
        w.WriteNumber("win_length", o.EffectiveWinLength);
        w.WriteNumber("n_mels", o.NMels);
        w.WriteNumber("f_min", o.FMin);
        w.WriteNumber("f_max", o.EffectiveFMax);
        w.WriteNumber("power", o.Power);
        w.WriteBoolean("center", o.Center);
        w.WriteString("pad_mode", o.PadMode.ToString().ToLowerInvariant());
        w.WriteString("mel_scale", o.MelScale.ToString().ToLowerInvariant());
        w.WriteString("mel_norm", o.MelNorm.ToString().ToLowerInvariant());
        w.WriteString("decibel_floor", o.DecibelFloor.ToString().ToLowerInvariant());
        w.WriteNumber("amin", o.Amin);
        w.WriteNumber("reference", o.Reference);
        if (o.TopDb is { } topDb) w.WriteNumber("top_db", topDb);
        else w.WriteNull("top_db");
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string key, object value)
    {
        switch (value)
        {
            case string s: w.WriteString(key, s); break;
            case int i: w.WriteNumber(key, i); break;
            case double d: w.WriteNumber(key, Finite(d, key)); break;
            case double[] array:
                w.WriteStartArray(key);
                foreach (double d in array) w.WriteNumberValue(Finite(d, key));
                w.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"Summary key '{key}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static double Finite(double value, string key) =>
        double.IsFinite(value) ? value : throw new InvalidOperationException($"Summary key '{key}' is {value}; the study produced a non-finite number (empty or constant group?).");

    private static string CsvCell(object value) => value switch
    {
        string s => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s,
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        double[] array => "\"" + string.Join(' ', array.Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "\"",
        _ => throw new InvalidOperationException($"Unsupported summary value type {value.GetType().Name}."),
    };
}
