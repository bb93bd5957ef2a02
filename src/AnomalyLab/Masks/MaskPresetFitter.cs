namespace AnomalyLab.Masks;

/// <summary>
/// Fits a band × segment preset to real anomalies of one machine type: a band-centre prior and band-width range from the mel profiles of
/// the localisation maps, and segment count/length ranges from their time profiles, chosen to maximise the mean agreement
/// (<see cref="MaskAgreement"/>) over the given ids. The result is an ordinary <see cref="AudioBandSegmentOptions"/> (save it as JSON).
/// </summary>
/// <remarks>
/// The agreement score is a weighted sum of a mel part that depends only on the band settings and a time part that depends only on the
/// segment settings, so the two are searched separately, each over a small grid evaluated with the exact profiles of
/// <see cref="MaskCoverage"/> (no sampling noise; deterministic). Band-centre prior = (pooled real mel profile, Gaussian-smoothed)^γ.
/// Width ranges come from fixed fractions and from 0.25–2 × the real half-mass width (the narrowest mel window holding half the excess).
/// </remarks>
public static class MaskPresetFitter
{
    /// <summary>The best preset for <paramref name="maps"/> (ids of one machine type), named <c>Fitted(&lt;machineType&gt;; ids)</c>.</summary>
    public static AudioBandSegmentOptions Fit(string machineType, IReadOnlyList<LocalizationMap> maps, PresetFitOptions? options = null)
    {
        options ??= new PresetFitOptions();
        options.Agreement.Validate();
        if (maps.Count == 0) throw new ArgumentException($"fitting a mask preset for {machineType} needs at least one localisation map");
        foreach (var map in maps)
        {
            if (map.MelBins != options.MelBins) throw new ArgumentException($"localisation map of {map.MachineId} has {map.MelBins} mel bins, the preset grid {options.MelBins}");
            if (map.Frames > options.Frames) throw new ArgumentException($"localisation map of {map.MachineId} has {map.Frames} frames, more than the preset grid's {options.Frames}");
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

    /// <summary>Mean mel similarity of a preset's exact band profile over the maps.</summary>
    public static double MeanMelSimilarity(AudioBandSegmentOptions preset, IReadOnlyList<LocalizationMap> maps)
    {
        double[] profile = MaskCoverage.BandProbability(preset);
        return maps.Average(m => ProfileDistance.Similarity(profile, m.MelProfile));
    }

    /// <summary>Mean time similarity of a preset's exact time profile over the maps (over each map's frames).</summary>
    public static double MeanTimeSimilarity(AudioBandSegmentOptions preset, IReadOnlyList<LocalizationMap> maps)
    {
        double[] profile = MaskCoverage.TimeProbability(preset);
        return maps.Average(m => ProfileDistance.Similarity(profile.AsSpan(0, m.Frames).ToArray(), m.TimeProfile));
    }

    /// <summary>The narrowest contiguous run of bins holding at least <paramref name="share"/> of a profile's mass, in bins.</summary>
    public static int MassWidth(IReadOnlyList<double> profile, double share = 0.5)
    {
        double total = profile.Sum();
        int best = profile.Count;
        int left = 0;
        double window = 0;
        for (int right = 0; right < profile.Count; right++)
        {
            window += profile[right];
            while (left <= right && window - profile[left] >= share * total)
            {
                window -= profile[left];
                left++;
            }
            if (window >= share * total) best = Math.Min(best, right - left + 1);
        }
        return best;
    }

    private static AudioBandSegmentOptions FitBand(AudioBandSegmentOptions template, IReadOnlyList<LocalizationMap> maps, PresetFitOptions options)
    {
        int n = options.MelBins;
        var pooled = new double[n];
        foreach (var map in maps)
            for (int m = 0; m < n; m++) pooled[m] += map.MelProfile[m] / maps.Count;
        double[] smoothed = Smooth(pooled, options.CenterSmoothingBins);
        double halfMass = MassWidth(smoothed) / (double)n;
        var fractions = options.BandFractions.Concat(new[] { 0.25, 0.5, 1.0, 1.5, 2.0 }.Select(s => s * halfMass))
            .Select(f => Math.Clamp(f, 1.0 / n, 1.0)).Distinct().OrderBy(f => f).ToArray();
        var priors = options.CenterSharpening.Select(g => (double[]?)smoothed.Select(v => Math.Pow(v, g)).ToArray()).Append(null).ToArray();
        AudioBandSegmentOptions? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var prior in priors)
            for (int i = 0; i < fractions.Length; i++)
                for (int j = i; j < fractions.Length; j++)
                {
                    var candidate = template with { BandFractionMin = fractions[i], BandFractionMax = fractions[j], BandCenterWeights = prior };
                    if (candidate.BandWidthMin > candidate.BandWidthMax || (prior is not null && prior.Sum() <= 0)) continue;
                    double score = MeanMelSimilarity(candidate, maps);
                    if (score > bestScore + 1e-12)
                    {
                        bestScore = score;
                        best = candidate;
                    }
                }
        return best ?? throw new InvalidOperationException("no valid band candidate (check PresetFitOptions.BandFractions)");
    }

    private static AudioBandSegmentOptions FitTime(AudioBandSegmentOptions template, IReadOnlyList<LocalizationMap> maps, PresetFitOptions options)
    {
        int frames = options.Frames;
        AudioBandSegmentOptions? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var (countMin, countMax) in options.SegmentCounts)
            foreach (var (lengthMin, lengthMax) in options.SegmentLengthFractions)
            {
                int minLength = Math.Clamp((int)Math.Round(lengthMin * frames), 1, frames);
                int maxLength = Math.Clamp((int)Math.Round(lengthMax * frames), minLength, frames);
                var candidate = template with { SegmentCountMin = countMin, SegmentCountMax = countMax, SegmentLengthMin = minLength, SegmentLengthMax = maxLength };
                double score = MeanTimeSimilarity(candidate, maps);
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
