namespace AnomalyLab.Masks;

/// <summary>
/// Fits a band × segment preset to real anomalies of one machine type, by the same four-part agreement the table reports
/// (<see cref="MaskAgreement"/>): band position prior and band-width range from the mel profiles and band-width distributions of the
/// localisation maps, segment count and length ranges from their time profiles and run-length distributions. The result is an ordinary
/// <see cref="AudioBandSegmentOptions"/> (save it as JSON).
/// </summary>
/// <remarks>
/// The score is a weighted sum of a band part (S_mel, S_width), which depends only on the band settings, and a segment part
/// (S_time, S_run), which depends only on the segment settings, so the two are searched separately over small grids, evaluated with
/// exact band profiles and fixed-seed run-length distributions (deterministic).
/// <para>Band: centre prior = λ · d^γ / Σ d^γ + (1 − λ) · uniform, where d is the pooled real mel profile of the fit ids
/// (Gaussian-smoothed); the width range is formed from fixed fractions and quantiles of the fit ids' band widths. γ, λ and the width
/// range are chosen by inner leave-one-id-out over the fit ids only (the prior is built from all fit ids but one and judged on that
/// one), so when ids disagree on where anomalies sit λ falls towards the seed's uniform band position, and when they agree it
/// sharpens. With a single fit id the choice is in-sample.</para>
/// <para>Segments: count ranges and length ranges (fixed fractions plus pairs of quantiles of the fit ids' run lengths) maximising
/// the mean segment part over the fit ids.</para>
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
        foreach (var map in maps)
        {
            if (map.MelBins != options.MelBins) throw new ArgumentException($"localisation map of {map.MachineId} has {map.MelBins} mel bins, the preset grid {options.MelBins}");
            if (map.Frames > options.Frames)
                throw new ArgumentException($"{machineType} {map.MachineId}: the clips give {map.Frames} log-mel frames, more than the {options.Frames}-frame mask grid a preset is fitted on; " +
                    $"fit on clips of at most {options.Frames} frames (trim them, e.g. to 10 s at 16 kHz with hop 512), or fit on a wider grid: PresetFitOptions.Frames ≥ {(map.Frames + 15) / 16 * 16} (a multiple of 16).");
        }
        var template = new AudioBandSegmentOptions
        {
            Name = $"Fitted({machineType}; {string.Join(",", maps.Select(m => m.MachineId))})",
            MelBins = options.MelBins,
            Frames = options.Frames,
        };
        var band = FitBand(template, maps, options);
        var time = FitTime(template, maps, options);
        return template with
        {
            BandFractionMin = band.BandFractionMin,
            BandFractionMax = band.BandFractionMax,
            BandCenterWeights = band.BandCenterWeights,
            SegmentCountMin = time.SegmentCountMin,
            SegmentCountMax = time.SegmentCountMax,
            SegmentLengthMin = time.SegmentLengthMin,
            SegmentLengthMax = time.SegmentLengthMax,
        };
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

    private static AudioBandSegmentOptions FitBand(AudioBandSegmentOptions template, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions options)
    {
        int n = options.MelBins;
        var agreement = options.Agreement;
        double[] pooled = Smooth(Pool(maps, m => m.MelProfile, n), options.CenterSmoothingBins);
        double[] widths = Pool(maps, m => m.Extent.BandWidths, n);
        var fractions = options.BandFractions.Concat(options.WidthQuantiles.Select(q => Quantile(widths, q) / (double)n))
            .Select(f => Math.Clamp(f, 1.0 / n, 1.0)).Distinct().OrderBy(f => f).ToArray();
        // Hyper-parameters of the prior: sharpening γ and the share λ of the fitted density (λ = 0: uniform, γ irrelevant).
        var hyper = options.PriorShares.Where(l => l > 0).SelectMany(l => options.CenterSharpening.Select(g => (gamma: g, share: l)))
            .Prepend((gamma: 1.0, share: 0.0)).ToArray();
        // With several ids each setting is judged on ids left out of the prior it builds (inner leave-one-id-out on the fit ids only),
        // so a prior that only fits the ids it came from is not chosen; with one id, in-sample.
        var folds = maps.Count >= 2
            ? maps.Select(heldOut => (prior: Smooth(Pool(maps.Where(m => m != heldOut).ToArray(), m => m.MelProfile, n), options.CenterSmoothingBins), judged: (IReadOnlyList<AnomalyExcessMap>)[heldOut])).ToArray()
            : [(prior: pooled, judged: maps)];
        AudioBandSegmentOptions? best = null;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < fractions.Length; i++)
            for (int j = i; j < fractions.Length; j++)
            {
                var candidate = template with { BandFractionMin = fractions[i], BandFractionMax = fractions[j] };
                if (candidate.BandWidthMin > candidate.BandWidthMax) continue;
                double[] widthDistribution = MaskCoverage.BandWidthDistribution(candidate);
                foreach (var (gamma, share) in hyper)
                {
                    double score = folds.Average(f =>
                    {
                        double[] profile = MaskCoverage.BandProbability(candidate with { BandCenterWeights = Prior(f.prior, gamma, share) });
                        return f.judged.Average(m => agreement.BandPart(
                            ProfileDistance.Similarity(profile, m.MelProfile), MaskExtent.Similarity(widthDistribution, m.Extent.BandWidths)));
                    });
                    if (score > bestScore + 1e-12)
                    {
                        bestScore = score;
                        best = candidate with { BandCenterWeights = Prior(pooled, gamma, share) };
                    }
                }
            }
        return best ?? throw new InvalidOperationException("no valid band candidate (check PresetFitOptions.BandFractions)");
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

    private static AudioBandSegmentOptions FitTime(AudioBandSegmentOptions template, IReadOnlyList<AnomalyExcessMap> maps, PresetFitOptions options)
    {
        int frames = options.Frames;
        var agreement = options.Agreement;
        double[] runs = Pool(maps, m => m.Extent.RunLengths, frames);
        int[] quantiles = options.RunLengthQuantiles.Select(q => Quantile(runs, q)).ToArray();
        var lengthRanges = options.SegmentLengthFractions
            .Select(r => (min: Math.Clamp((int)Math.Round(r.Min * frames), 1, frames), max: Math.Clamp((int)Math.Round(r.Max * frames), 1, frames)))
            .Concat(quantiles.SelectMany((low, i) => quantiles.Skip(i + 1).Where(high => high > low).Select(high => (min: low, max: high))))
            .Select(r => (r.min, max: Math.Max(r.min, r.max))).Distinct().ToArray();
        AudioBandSegmentOptions? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var (countMin, countMax) in options.SegmentCounts)
            foreach (var (minLength, maxLength) in lengthRanges)
            {
                var candidate = template with { SegmentCountMin = countMin, SegmentCountMax = countMax, SegmentLengthMin = minLength, SegmentLengthMax = maxLength };
                double[] time = MaskCoverage.TimeProbability(candidate);
                double[] run = agreement.RunLengthWeight > 0 ? MaskCoverage.RunLengthDistribution(candidate, options.Extent) : [1];
                double score = maps.Average(m => agreement.SegmentPart(
                    ProfileDistance.Similarity(time.AsSpan(0, m.Frames).ToArray(), m.TimeProfile),
                    agreement.RunLengthWeight > 0 ? MaskExtent.Similarity(run, m.Extent.RunLengths) : 0));
                if (score > bestScore + 1e-12)
                {
                    bestScore = score;
                    best = candidate;
                }
            }
        return best ?? throw new InvalidOperationException("no valid segment candidate (check PresetFitOptions.SegmentCounts)");
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
