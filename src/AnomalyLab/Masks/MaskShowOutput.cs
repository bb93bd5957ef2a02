using AnomalyLab.IO;

namespace AnomalyLab.Masks;

/// <summary>
/// The <c>masks show --out</c> folder: <c>masks.npy</c> [B, 1, H, W] float32, <c>preset.json</c> (band × segment presets only) and
/// <c>index.html</c> (<see cref="MaskReports.Show"/>), written as one unit.
/// </summary>
public static class MaskShowOutput
{
    /// <summary>
    /// Writes <paramref name="masks"/> drawn by <paramref name="strategy"/> from <paramref name="seed"/> into <paramref name="folder"/>
    /// through <see cref="AtomicFolder"/>. <paramref name="force"/> replaces an earlier AnomalyLab output folder.
    /// </summary>
    public static void Write(string folder, IMaskStrategy strategy, MaskBatch masks, ulong seed, bool force = false)
    {
        var report = MaskReports.Show(strategy, masks.Batch, seed);
        AtomicFolder.Write(folder, "anomalylab masks show", staging =>
        {
            NpyFile.Write(Path.Combine(staging, "masks.npy"), masks.Data, masks.Shape);
            if (strategy is AudioBandSegmentMasks bandSegments) bandSegments.Options.Save(Path.Combine(staging, "preset.json"));
            report.Write(Path.Combine(staging, "index.html"));
        }, force);
    }

    /// <summary>
    /// Coverage of each mask at spectrogram size and on the bottom latent grid (nearest and max-pool), as percent text (<c>P1</c>):
    /// columns <c>mask, coverage, bottom (nearest), bottom (max-pool)</c>.
    /// </summary>
    public static Plots.TableFigure CoverageTable(IMaskStrategy strategy, MaskBatch masks)
    {
        var bottom = LatentGrid.Bottom(strategy.Height, strategy.Width);
        var nearest = MaskResize.Nearest(masks, bottom);
        var pooled = MaskResize.MaxPoolToGrid(masks, bottom);
        string Percent(double value) => value.ToString("P1", System.Globalization.CultureInfo.InvariantCulture);
        return new Plots.TableFigure($"{strategy.Name}: coverage", ["mask", "coverage", "bottom (nearest)", "bottom (max-pool)"],
            Enumerable.Range(0, masks.Batch).Select(b => (IReadOnlyList<object?>)[b.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Percent(masks.Coverage(b)), Percent(nearest.Coverage(b)), Percent(pooled.Coverage(b))]).ToArray());
    }
}
