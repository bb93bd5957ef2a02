namespace AnomalyLab.Masks;

/// <summary>
/// Accumulates the cell-weighted run-length and band-width counts of <see cref="MaskExtent"/> over many binary maps or mask layouts
/// <c>[n_mels, frames]</c>. Mutable; not thread-safe.
/// </summary>
public sealed class MaskExtentTally
{
    /// <summary>A tally for maps of <paramref name="melBins"/> × <paramref name="frames"/>.</summary>
    public MaskExtentTally(int melBins, int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(melBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        RunLengthCells = new double[frames];
        BandWidthCells = new double[melBins];
    }

    /// <summary>Cells counted per time-run length, index L − 1.</summary>
    public double[] RunLengthCells { get; }

    /// <summary>Cells counted per mel-run width, index w − 1.</summary>
    public double[] BandWidthCells { get; }

    /// <summary>Maps or layouts added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one binary map, row-major <c>[melBins, frames]</c> flat (true = anomalous cell).</summary>
    public void AddMap(ReadOnlySpan<bool> active)
    {
        int h = BandWidthCells.Length, w = RunLengthCells.Length;
        if (active.Length != h * w) throw new ArgumentException($"binary map has {active.Length} cells, expected {h} × {w}");
        for (int m = 0; m < h; m++)
        {
            int run = 0;
            for (int t = 0; t <= w; t++)
            {
                if (t < w && active[m * w + t]) { run++; continue; }
                if (run > 0) RunLengthCells[run - 1] += run;
                run = 0;
            }
        }
        for (int t = 0; t < w; t++)
        {
            int run = 0;
            for (int m = 0; m <= h; m++)
            {
                if (m < h && active[m * w + t]) { run++; continue; }
                if (run > 0) BandWidthCells[run - 1] += run;
                run = 0;
            }
        }
        Count++;
    }

    /// <summary>
    /// Adds one band × segment layout without rendering it: the union of its segments gives runs of length L, each covering
    /// L · width cells; every covered frame's column is one run of the band's width. Empty layouts add nothing but are counted.
    /// </summary>
    public void AddLayout(AudioBandSegmentLayout layout)
    {
        Count++;
        if (layout.IsEmpty || layout.BandWidth == 0) return;
        int w = RunLengthCells.Length;
        bool[] covered = layout.CoveredFrames(w);
        int run = 0, total = 0;
        for (int t = 0; t <= w; t++)
        {
            if (t < w && covered[t]) { run++; continue; }
            if (run > 0)
            {
                RunLengthCells[run - 1] += (double)run * layout.BandWidth;
                total += run;
            }
            run = 0;
        }
        BandWidthCells[layout.BandWidth - 1] += (double)total * layout.BandWidth;
    }

    /// <summary>The normalised extent of everything added.</summary>
    public MaskExtent ToExtent() => new(RunLengthCells, BandWidthCells);

    /// <summary>
    /// The excess extent of anomalous maps over normal ones: per length, cells per anomalous map minus cells per normal map, clipped at 0
    /// (runs that normal clips produce just as often — threshold noise — cancel). Falls back to the anomalous counts alone when nothing
    /// is left after the subtraction.
    /// </summary>
    public static MaskExtent Excess(MaskExtentTally anomalous, MaskExtentTally normal)
    {
        if (anomalous.Count == 0) throw new ArgumentException("excess extent needs at least one anomalous map");
        if (anomalous.RunLengthCells.Length != normal.RunLengthCells.Length || anomalous.BandWidthCells.Length != normal.BandWidthCells.Length)
            throw new ArgumentException("anomalous and normal extent tallies cover different grids");
        double[] runs = Difference(anomalous.RunLengthCells, anomalous.Count, normal.RunLengthCells, normal.Count);
        double[] widths = Difference(anomalous.BandWidthCells, anomalous.Count, normal.BandWidthCells, normal.Count);
        if (runs.Sum() <= 0 || widths.Sum() <= 0) return anomalous.ToExtent();
        return new MaskExtent(runs, widths);
    }

    private static double[] Difference(double[] a, int countA, double[] b, int countB) =>
        a.Select((v, i) => Math.Max(0, v / countA - (countB > 0 ? b[i] / countB : 0))).ToArray();
}
