namespace AnomalyLab.Masks;

/// <summary>
/// The <c>masks fit --out</c> files: the preset fitted on every id at the given path, and with per-id presets
/// (<see cref="MaskPresetFitter.FitPerId"/>) one more file per id beside it, <c>&lt;name&gt;.&lt;id&gt;.json</c>. Each is a preset
/// JSON that <c>--mask-preset</c> accepts.
/// </summary>
public static class FittedPresetFiles
{
    /// <summary>The per-id file beside <paramref name="path"/>: <c>slider-preset.json</c> → <c>slider-preset.id_00.json</c>.</summary>
    public static string PerIdPath(string path, string machineId) => Path.ChangeExtension(path, $".{machineId}.json");

    /// <summary>
    /// Writes <paramref name="fitted"/> to <paramref name="path"/> and each per-id preset to <see cref="PerIdPath"/> (each file
    /// atomically); returns the per-id paths.
    /// </summary>
    public static IReadOnlyList<string> Write(string path, AudioBandSegmentOptions fitted, IReadOnlyList<(string MachineId, AudioBandSegmentOptions Preset)> perId)
    {
        fitted.Save(path);
        var written = new List<string>();
        foreach (var (id, preset) in perId)
        {
            string file = PerIdPath(path, id);
            preset.Save(file);
            written.Add(file);
        }
        return written;
    }
}
