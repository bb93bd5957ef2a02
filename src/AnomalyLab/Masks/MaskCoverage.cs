namespace AnomalyLab.Masks;

/// <summary>Coverage profiles of mask strategies: estimated from many masks, or exact for the band × segment strategy.</summary>
public static class MaskCoverage
{
    /// <summary>
    /// Estimates the profile of any strategy from <paramref name="count"/> masks drawn from <paramref name="seed"/> (in chunks, so memory stays small).
    /// Standard error of a pixel's estimate is √(p(1 − p)/count). For a band × segment strategy the segment lengths are tallied too.
    /// </summary>
    public static CoverageProfile Estimate(IMaskStrategy strategy, int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int h = strategy.Height, w = strategy.Width;
        var sum = new long[h * w];
        var extent = new MaskExtentTally(h, w);
        var active = new bool[h * w];
        const int chunk = 256;
        for (int first = 0; first < count; first += chunk)
        {
            int n = Math.Min(chunk, count - first);
            var batch = strategy.Generate(n, seed, first);
            for (int b = 0; b < n; b++)
            {
                var mask = batch.MaskSpan(b);
                for (int i = 0; i < mask.Length; i++)
                {
                    active[i] = mask[i] != 0;
                    if (active[i]) sum[i]++;
                }
                extent.AddMap(active);
            }
        }
        var coverage = new double[h, w];
        for (int m = 0; m < h; m++)
            for (int t = 0; t < w; t++) coverage[m, t] = (double)sum[m * w + t] / count;
        Dictionary<int, double>? lengths = null;
        if (strategy is AudioBandSegmentMasks bandSegments)
        {
            var tally = new Dictionary<int, long>();
            long total = 0;
            for (int b = 0; b < count; b++)
                foreach (var segment in bandSegments.SampleLayout(seed, b).Segments)
                {
                    tally[segment.Length] = tally.GetValueOrDefault(segment.Length) + 1;
                    total++;
                }
            lengths = tally.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => (double)p.Value / Math.Max(1, total));
        }
        bool any = extent.RunLengthCells.Any(c => c > 0);
        return new CoverageProfile(strategy.Name, coverage, lengths, count, any ? extent.ToExtent() : null);
    }

    /// <summary>
    /// The exact profile of a band × segment preset. Band and time are independent, so P(m, t) = (1 − p_empty) · P(m in band) · P(t covered):
    /// P(m in band) = mean over widths w of P(start ≤ m &lt; start + w) (start uniform, or from the centre prior);
    /// a single segment covers t with q_t = mean over lengths L of #{starts s ∈ [0, T − L] : s ≤ t &lt; s + L} / (T − L + 1);
    /// K independent segments cover t with 1 − (1 − q_t)^K, averaged over K uniform in [K_min, K_max].
    /// The extent: band widths exactly (<see cref="BandWidthDistribution"/>); run lengths of the segments' union from
    /// <see cref="ExtentOptions.PresetLayouts"/> layouts with a fixed seed (<see cref="RunLengthDistribution"/>), so still deterministic.
    /// </summary>
    public static CoverageProfile Exact(AudioBandSegmentOptions options, ExtentOptions? extent = null)
    {
        options.Validate();
        double[] mel = BandProbability(options);
        double[] time = TimeProbability(options);
        double keep = 1 - options.EmptyProbability;
        var coverage = new double[options.MelBins, options.Frames];
        for (int m = 0; m < options.MelBins; m++)
            for (int t = 0; t < options.Frames; t++) coverage[m, t] = keep * mel[m] * time[t];
        double[] lengthShares = LengthShares(options);
        var lengthDistribution = lengthShares.Select((p, i) => (length: options.SegmentLengthMin + i, p)).Where(x => x.p > 0).ToDictionary(x => x.length, x => x.p);
        var maskExtent = new MaskExtent(RunLengthDistribution(options, extent), BandWidthDistribution(options));
        return new CoverageProfile(options.Name, coverage, lengthDistribution, extent: maskExtent);
    }

    /// <summary>
    /// Cell-weighted band-width distribution, index w − 1, length n_mels: a mask of width w has w · (covered frames) cells, each in a
    /// mel run of w, and the covered frames do not depend on w, so P(w) ∝ w · q(w), q the width sampling distribution over
    /// [BandWidthMin, BandWidthMax] (uniform, or <see cref="AudioBandSegmentOptions.BandWidthWeights"/>).
    /// </summary>
    public static double[] BandWidthDistribution(AudioBandSegmentOptions options)
    {
        var p = new double[options.MelBins];
        double[] q = WidthShares(options);
        for (int w = options.BandWidthMin; w <= options.BandWidthMax; w++) p[w - 1] = w * q[w - options.BandWidthMin];
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    /// <summary>Sampling probability of each band width BandWidthMin..BandWidthMax (index 0 = BandWidthMin); sums to 1.</summary>
    public static double[] WidthShares(AudioBandSegmentOptions options) =>
        Normalised(options.BandWidthWeights ?? Enumerable.Repeat(1.0, options.BandWidthMax - options.BandWidthMin + 1).ToArray());

    /// <summary>Sampling probability of each segment length SegmentLengthMin..SegmentLengthMax (index 0 = SegmentLengthMin); sums to 1.</summary>
    public static double[] LengthShares(AudioBandSegmentOptions options) =>
        Normalised(options.SegmentLengthWeights ?? Enumerable.Repeat(1.0, options.SegmentLengthMax - options.SegmentLengthMin + 1).ToArray());

    /// <summary>
    /// Cell-weighted distribution of the time-run lengths of the union of a mask's segments, index L − 1, length frames, measured on
    /// <see cref="ExtentOptions.PresetLayouts"/> layouts drawn with <see cref="ExtentOptions.PresetSeed"/> (band settings do not matter:
    /// every row of the band has the same runs).
    /// </summary>
    public static double[] RunLengthDistribution(AudioBandSegmentOptions options, ExtentOptions? extent = null)
    {
        extent = (extent ?? ExtentOptions.Default).Validate();
        // Only segment statistics matter; a one-bin band keeps the tally cheap and cell weights proportional.
        var strategy = new AudioBandSegmentMasks(options with { BandFractionMin = 1.0 / options.MelBins, BandFractionMax = 1.0 / options.MelBins, BandCenterWeights = null, BandWidthWeights = null, EmptyProbability = 0 });
        var tally = new MaskExtentTally(options.MelBins, options.Frames);
        for (int i = 0; i < extent.PresetLayouts; i++) tally.AddLayout(strategy.SampleLayout(extent.PresetSeed, i));
        double sum = tally.RunLengthCells.Sum();
        return tally.RunLengthCells.Select(v => v / sum).ToArray();
    }

    /// <summary>P(mel bin m lies inside the band), length n_mels.</summary>
    public static double[] BandProbability(AudioBandSegmentOptions options)
    {
        int n = options.MelBins;
        var p = new double[n];
        double[] widthShares = WidthShares(options);
        double[]? centres = options.BandCenterWeights is { } weights ? Normalised(weights) : null;
        for (int w = options.BandWidthMin; w <= options.BandWidthMax; w++)
        {
            var startProbability = new double[n - w + 1];
            if (centres is null)
                Array.Fill(startProbability, 1.0 / (n - w + 1));
            else
                for (int c = 0; c < n; c++) startProbability[Math.Clamp(c - w / 2, 0, n - w)] += centres[c];
            // Difference array: a start s covers rows s..s+w−1.
            var delta = new double[n + 1];
            for (int s = 0; s < startProbability.Length; s++)
            {
                delta[s] += startProbability[s];
                delta[s + w] -= startProbability[s];
            }
            double running = 0;
            for (int m = 0; m < n; m++)
            {
                running += delta[m];
                // The running sum of ± start probabilities can end a hair below 0 where no band reaches (rounding).
                p[m] += Math.Max(0, running) * widthShares[w - options.BandWidthMin];
            }
        }
        return p;
    }

    /// <summary>
    /// P(frame t is covered by at least one segment), length frames. A segment of length L starts uniformly in [0, T − L], so each
    /// start adds q(L) / (T − L + 1) to the frames it covers; those box sums are accumulated with a second-order difference array
    /// (O(T + lengths)), and Σ_k (1 − (1 − q_t)^k) over the counts is a geometric sum (O(1) per frame).
    /// </summary>
    public static double[] TimeProbability(AudioBandSegmentOptions options)
    {
        int frames = options.Frames;
        double[] shares = LengthShares(options);
        var second = new double[frames + 2];
        for (int length = options.SegmentLengthMin; length <= options.SegmentLengthMax; length++)
        {
            double w = shares[length - options.SegmentLengthMin] / (frames - length + 1);
            if (w == 0) continue;
            // First difference D gets +w on [0, T − L] (segment starts) and −w on [L, T] (segment ends).
            second[0] += w;
            second[frames - length + 1] -= w;
            second[length] -= w;
            second[frames + 1] += w;
        }
        var single = new double[frames];
        double first = 0, value = 0;
        for (int t = 0; t < frames; t++)
        {
            first += second[t];
            value += first;
            single[t] = Math.Clamp(value, 0, 1);
        }
        int kMin = options.SegmentCountMin, kMax = options.SegmentCountMax, counts = kMax - kMin + 1;
        var covered = new double[frames];
        for (int t = 0; t < frames; t++)
        {
            double miss = 1 - single[t];
            // Σ_{k=kMin}^{kMax} miss^k = miss^kMin (1 − miss^counts) / (1 − miss).
            double missSum = miss >= 1 ? counts : miss <= 0 ? (kMin == 0 ? 1 : 0) : Math.Pow(miss, kMin) * (1 - Math.Pow(miss, counts)) / (1 - miss);
            covered[t] = Math.Clamp(1 - missSum / counts, 0, 1);
        }
        return covered;
    }

    private static double[] Normalised(double[] weights)
    {
        double sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }
}
