namespace AnomalyLab.Masks;

/// <summary>
/// Fits a band × segment preset to real anomalies of one machine type, by the same four-part agreement the table reports
/// (<see cref="MaskAgreement"/>): WHERE in mel (a band-centre distribution), HOW WIDE (a band-width range and distribution) and
/// HOW LONG (segment counts, a segment-length range and distribution). The result is an ordinary <see cref="AudioBandSegmentOptions"/>
/// (save it as JSON).
/// </summary>
/// <remarks>
/// The score is a weighted sum of a band part (S_mel, S_width), which depends only on the band settings, and a segment part
/// (S_time, S_run), which depends only on the segment settings, so the two are searched separately over small grids, evaluated with
/// exact band/time profiles and fixed-seed run-length distributions (deterministic).
/// <para>Each learned distribution is shrunk toward the seed's uniform rule: position = λ_pos · d^γ / Σ d^γ + (1 − λ_pos) · uniform
/// (d the Gaussian-smoothed pooled real mel profile); width sampling = λ_w · q_fit + (1 − λ_w) · uniform over the width range, with
/// q_fit(w) ∝ r(w) / w so that the masks' cell-weighted widths reproduce the pooled real ones r; segment lengths likewise from the
/// real run lengths. Every choice (λ's, γ, ranges, counts) is made by inner leave-one-id-out over the fit ids only: each setting's
/// distributions are built from all fit ids but one and judged on that one, so a distribution that only describes the ids it came
/// from is shrunk away, and one the ids share is kept. With a single fit id the choice is in-sample (that is what
/// <see cref="FitPerId"/> does, for a Stage-2 model that only meets known ids). Ties go to the more uniform setting.</para>
/// </remarks>
public static class MaskPresetFitter
{
    /// <summary>The best preset for <paramref name="maps"/> (ids of one machine type), named <c>Fitted(&lt;machineType&gt;; ids)</c>.</summary>
    public static AudioBandSegmentOptions Fit(string machineType, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions? options = null)
    {
        options ??= new PresetFitOptions();
        options.Agreement.Validate();
        options.Extent.Validate();
        if (maps.Count == 0) throw new ArgumentException($"fitting a mask preset for {machineType} needs at least one localisation map");
        var template = Grid(maps, options) with { Name = $"Fitted({machineType}; {string.Join(",", maps.Select(m => m.MachineId))})" };
        var band = FitBand(template, maps, options);
        var time = FitTime(template, maps, options);
        return template with
        {
            BandFractionMin = band.BandFractionMin,
            BandFractionMax = band.BandFractionMax,
            BandCenterWeights = band.BandCenterWeights,
            BandWidthWeights = band.BandWidthWeights,
            SegmentCountMin = time.SegmentCountMin,
            SegmentCountMax = time.SegmentCountMax,
            SegmentLengthMin = time.SegmentLengthMin,
            SegmentLengthMax = time.SegmentLengthMax,
            SegmentLengthWeights = time.SegmentLengthWeights,
        };
    }

    /// <summary>
    /// One preset per machine id, each fitted on that id alone (in-sample choices; named <c>Fitted(&lt;type&gt;; id)</c>), for a
    /// Stage-2 model that only meets the ids it was trained on.
    /// </summary>
    public static IReadOnlyList<AudioBandSegmentOptions> FitPerId(string machineType, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions? options = null) =>
        maps.Select(m => Fit(machineType, [m], options)).ToArray();

    /// <summary>The mask grid a fit of <paramref name="maps"/> uses: their mel bins and <see cref="AudioBandSegmentOptions.GridFrames"/> of the longest.</summary>
    public static AudioBandSegmentOptions Grid(IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions? options = null)
    {
        options ??= new PresetFitOptions();
        if (maps.Count == 0) throw new ArgumentException("a mask grid needs at least one localisation map");
        int melBins = options.MelBins ?? maps[0].MelBins;
        int frames = options.Frames ?? AudioBandSegmentOptions.GridFrames(maps.Max(m => m.Frames));
        foreach (var map in maps)
        {
            if (map.MelBins != melBins) throw new ArgumentException($"localisation map of {map.MachineId} has {map.MelBins} mel bins, the preset grid {melBins}");
            if (map.Frames > frames)
                throw new ArgumentException($"localisation map of {map.MachineId} has {map.Frames} frames, more than the {frames}-frame grid asked for; " +
                    $"leave PresetFitOptions.Frames unset (the grid then follows the clips) or set it ≥ {AudioBandSegmentOptions.GridFrames(map.Frames)}");
        }
        return new AudioBandSegmentOptions { MelBins = melBins, Frames = frames }.Validate();
    }

    /// <summary>
    /// Length at quantile <paramref name="q"/> of a distribution over lengths 1..n (index i = length i + 1): the smallest length whose
    /// cumulative share reaches q.
    /// </summary>
    public static int Quantile(IReadOnlyList<double> distribution, double q)
    {
        double total = distribution.Sum(), cumulative = 0;
        for (int i = 0; i < distribution.Count; i++)
        {
            cumulative += distribution[i] / total;
            if (cumulative >= q - 1e-12) return i + 1;
        }
        return distribution.Count;
    }

    /// <summary>
    /// Sampling weights over lengths <paramref name="min"/>..<paramref name="max"/> whose cell-weighted distribution (P ∝ length ·
    /// weight) follows the real cell-weighted distribution <paramref name="real"/> (index length − 1), mixed with uniform:
    /// share · q_fit + (1 − share) · uniform. Null when share is 0 or the real distribution has no mass in the range (uniform).
    /// </summary>
    public static double[]? LengthWeights(IReadOnlyList<double> real, int min, int max, double share)
    {
        if (share <= 0) return null;
        int n = max - min + 1;
        var fit = new double[n];
        for (int l = min; l <= max; l++) fit[l - min] = l - 1 < real.Count ? real[l - 1] / l : 0;
        double sum = fit.Sum();
        if (!(sum > 0)) return null;
        return fit.Select(v => share * v / sum + (1 - share) / n).ToArray();
    }

    private sealed record Fold(IReadOnlyList<AnomalyExcessMap> Fit, IReadOnlyList<AnomalyExcessMap> Judged);

    // Inner leave-one-id-out folds over the fit ids (in-sample with one id).
    private static Fold[] Folds(IReadOnlyList<AnomalyExcessMap> maps) =>
        maps.Count >= 2 ? maps.Select(h => new Fold(maps.Where(m => m != h).ToArray(), [h])).ToArray() : [new Fold(maps, maps)];

    private static AudioBandSegmentOptions FitBand(AudioBandSegmentOptions template, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions options)
    {
        int n = template.MelBins;
        var agreement = options.Agreement;
        var folds = Folds(maps);
        double[] widths = Pool(maps, m => m.Extent.BandWidths, n);
        var fractions = options.BandFractions.Concat(options.WidthQuantiles.Select(q => Quantile(widths, q) / (double)n))
            .Select(f => Math.Clamp(f, 1.0 / n, 1.0)).Distinct().OrderBy(f => f).ToArray();
        var foldWidths = folds.Select(f => Pool(f.Fit, m => m.Extent.BandWidths, n)).ToArray();
        // Step 1, how wide: width range and width-distribution share, judged on S_width and S_mel at a uniform band position.
        AudioBandSegmentOptions? bestWidth = null;
        double bestScore = double.NegativeInfinity, bestShare = 0;
        for (int i = 0; i < fractions.Length; i++)
            for (int j = i; j < fractions.Length; j++)
            {
                var range = template with { BandFractionMin = fractions[i], BandFractionMax = fractions[j] };
                if (range.BandWidthMin > range.BandWidthMax) continue;
                foreach (double share in options.ExtentShares.Prepend(0).Distinct())
                {
                    double score = folds.Select((f, k) =>
                    {
                        var candidate = range with { BandWidthWeights = LengthWeights(foldWidths[k], range.BandWidthMin, range.BandWidthMax, share) };
                        double[] profile = MaskCoverage.BandProbability(candidate), distribution = MaskCoverage.BandWidthDistribution(candidate);
                        return f.Judged.Average(m => agreement.BandPart(ProfileDistance.Similarity(profile, m.MelProfile), MaskExtent.Similarity(distribution, m.Extent.BandWidths)));
                    }).Average();
                    if (score > bestScore + 1e-12)
                    {
                        (bestScore, bestShare) = (score, share);
                        bestWidth = range;
                    }
                }
            }
        if (bestWidth is null) throw new InvalidOperationException("no valid band candidate (check PresetFitOptions.BandFractions)");
        // Step 2, where: centre prior sharpening γ and share λ (λ = 0: uniform) at the chosen widths.
        var hyper = options.PriorShares.Where(l => l > 0).SelectMany(l => options.CenterSharpening.Select(g => (gamma: g, share: l)))
            .Prepend((gamma: 1.0, share: 0.0)).ToArray();
        var foldPriors = folds.Select(f => Smooth(Pool(f.Fit, m => m.MelProfile, n), options.CenterSmoothingBins)).ToArray();
        (double gamma, double share) bestHyper = (1, 0);
        bestScore = double.NegativeInfinity;
        foreach (var (gamma, share) in hyper)
        {
            double score = folds.Select((f, k) =>
            {
                var candidate = bestWidth with
                {
                    BandWidthWeights = LengthWeights(foldWidths[k], bestWidth.BandWidthMin, bestWidth.BandWidthMax, bestShare),
                    BandCenterWeights = Prior(foldPriors[k], gamma, share),
                };
                double[] profile = MaskCoverage.BandProbability(candidate), distribution = MaskCoverage.BandWidthDistribution(candidate);
                return f.Judged.Average(m => agreement.BandPart(ProfileDistance.Similarity(profile, m.MelProfile), MaskExtent.Similarity(distribution, m.Extent.BandWidths)));
            }).Average();
            if (score > bestScore + 1e-12)
            {
                bestScore = score;
                bestHyper = (gamma, share);
            }
        }
        double[] pooled = Smooth(Pool(maps, m => m.MelProfile, n), options.CenterSmoothingBins);
        return bestWidth with
        {
            BandWidthWeights = LengthWeights(widths, bestWidth.BandWidthMin, bestWidth.BandWidthMax, bestShare),
            BandCenterWeights = Prior(pooled, bestHyper.gamma, bestHyper.share),
        };
    }

    private static AudioBandSegmentOptions FitTime(AudioBandSegmentOptions template, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions options)
    {
        int frames = template.Frames;
        var agreement = options.Agreement;
        var folds = Folds(maps);
        double[] runs = Pool(maps, m => m.Extent.RunLengths, frames);
        var foldRuns = folds.Select(f => Pool(f.Fit, m => m.Extent.RunLengths, frames)).ToArray();
        int[] quantiles = options.RunLengthQuantiles.Select(q => Quantile(runs, q)).Distinct().Order().ToArray();
        var lengthRanges = options.SegmentLengthFractions
            .Select(r => (min: Math.Clamp((int)Math.Round(r.Min * frames), 1, frames), max: Math.Clamp((int)Math.Round(r.Max * frames), 1, frames)))
            .Concat(quantiles.SelectMany((low, i) => quantiles.Skip(i + 1).Select(high => (min: low, max: high))))
            .Select(r => (r.min, max: Math.Max(r.min, r.max))).Distinct().ToArray();
        var search = options.Extent with { PresetLayouts = Math.Min(options.SearchLayouts, options.Extent.PresetLayouts) };
        AudioBandSegmentOptions? best = null;
        double bestScore = double.NegativeInfinity, bestShare = 0;
        foreach (var (countMin, countMax) in options.SegmentCounts.Where(c => c.Max <= frames))
            foreach (var (minLength, maxLength) in lengthRanges)
                foreach (double share in options.ExtentShares.Prepend(0).Distinct())
                {
                    var range = template with { SegmentCountMin = countMin, SegmentCountMax = countMax, SegmentLengthMin = minLength, SegmentLengthMax = maxLength };
                    var cache = new Dictionary<double[], (double[] Time, double[] Run)>(ReferenceEqualityComparer.Instance);
                    double score = folds.Select((f, k) =>
                    {
                        double[]? weights = LengthWeights(foldRuns[k], minLength, maxLength, share);
                        var candidate = range with { SegmentLengthWeights = weights };
                        double[] time = MaskCoverage.TimeProbability(candidate);
                        double[] run = agreement.RunLengthWeight > 0 ? MaskCoverage.RunLengthDistribution(candidate, search) : [1];
                        return f.Judged.Average(m => agreement.SegmentPart(
                            ProfileDistance.Similarity(time.AsSpan(0, m.Frames).ToArray(), m.TimeProfile),
                            agreement.RunLengthWeight > 0 ? MaskExtent.Similarity(run, m.Extent.RunLengths) : 0));
                    }).Average();
                    if (score > bestScore + 1e-12)
                    {
                        (bestScore, bestShare) = (score, share);
                        best = range;
                    }
                }
        if (best is null) throw new InvalidOperationException("no valid segment candidate (check PresetFitOptions.SegmentCounts)");
        return best with { SegmentLengthWeights = LengthWeights(runs, best.SegmentLengthMin, best.SegmentLengthMax, bestShare) };
    }

    private static double[]? Prior(double[] profile, double gamma, double share)
    {
        if (share <= 0) return null;
        double[] sharpened = profile.Select(v => Math.Pow(v, gamma)).ToArray();
        double sum = sharpened.Sum();
        if (sum <= 0) return null;
        return sharpened.Select(v => share * v / sum + (1 - share) / profile.Length).ToArray();
    }

    private static double[] Pool(IReadOnlyList<AnomalyExcessMap> maps, Func<AnomalyExcessMap, double[]> distribution, int length)
    {
        var pooled = new double[length];
        foreach (var map in maps)
        {
            double[] values = distribution(map);
            for (int i = 0; i < Math.Min(length, values.Length); i++) pooled[i] += values[i] / maps.Count;
        }
        return pooled;
    }

    private static double[] Smooth(double[] values, double sigma)
    {
        if (sigma <= 0) return (double[])values.Clone();
        int radius = (int)Math.Ceiling(3 * sigma);
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double sum = 0, weight = 0;
            for (int k = -radius; k <= radius; k++)
            {
                int j = i + k;
                if (j < 0 || j >= values.Length) continue;
                double g = Math.Exp(-0.5 * k * k / (sigma * sigma));
                sum += g * values[j];
                weight += g;
            }
            result[i] = sum / weight;
        }
        return result;
    }
}
