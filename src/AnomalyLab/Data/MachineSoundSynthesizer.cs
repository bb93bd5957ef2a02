namespace AnomalyLab.Data;

/// <summary>
/// Sample-level synthesis of the synthetic dataset: the normal machine sound of a <see cref="MachineSignature"/> with
/// per-clip variation, and the three anomaly kinds confined to a band and time segments. Pure functions of their
/// <see cref="Random"/> (same state → same samples).
/// </summary>
internal static class MachineSoundSynthesizer
{
    /// <summary>Normal sound, shape <c>[samples]</c>, scaled to <paramref name="rms"/>.</summary>
    public static double[] Normal(MachineSignature s, int samples, int sampleRate, double rms, Random random)
    {
        var output = new double[samples];
        double f0 = s.FundamentalHz * (1 + 0.01 * (2 * random.NextDouble() - 1));
        double amPhase = 2 * Math.PI * random.NextDouble(), fmPhase = 2 * Math.PI * random.NextDouble();
        int harmonics = s.HarmonicAmplitudes.Length;
        var weights = new double[harmonics];
        var phaseRe = new double[harmonics];
        var phaseIm = new double[harmonics];
        double nyquist = sampleRate / 2.0;
        for (int k = 0; k < harmonics; k++)
        {
            // ±1.5 dB per harmonic and clip: the same machine never sounds exactly the same twice.
            weights[k] = (k + 1) * f0 * 1.02 < nyquist ? s.HarmonicAmplitudes[k] * Math.Pow(10, (2 * random.NextDouble() - 1) * 1.5 / 20) : 0;
            double phi = 2 * Math.PI * random.NextDouble();
            (phaseIm[k], phaseRe[k]) = Math.SinCos(phi);
        }
        double phase = 0;
        for (int n = 0; n < samples; n++)
        {
            double t = (double)n / sampleRate;
            double f = f0 * (1 + s.FmDepth * Math.Sin(2 * Math.PI * s.FmRateHz * t + fmPhase));
            phase += 2 * Math.PI * f / sampleRate;
            if (phase > Math.PI) phase -= 2 * Math.PI;
            (double zIm, double zRe) = Math.SinCos(phase);
            // Harmonic k: Im(e^{i φ_k} · z^{k+1}), z^{k+1} by repeated complex multiplication (no sin per harmonic).
            double pRe = zRe, pIm = zIm, sum = 0;
            for (int k = 0; k < harmonics; k++)
            {
                sum += weights[k] * (phaseRe[k] * pIm + phaseIm[k] * pRe);
                double nextRe = pRe * zRe - pIm * zIm;
                pIm = pRe * zIm + pIm * zRe;
                pRe = nextRe;
            }
            output[n] = sum * (1 + s.AmDepth * Math.Sin(2 * Math.PI * s.AmRateHz * t + amPhase));
        }
        Normalize(output, Math.Sqrt(1 - s.NoiseShare));

        var noise = new double[samples];
        double y = 0;
        for (int n = 0; n < samples; n++)
        {
            y = s.NoisePole * y + Gaussian(random);
            noise[n] = y;
        }
        double[] resonance = BandPass(WhiteNoise(samples, random), s.ResonanceHz, 300, sampleRate);
        Normalize(resonance, 0.5);
        Normalize(noise, 1.0);
        for (int n = 0; n < samples; n++) noise[n] += resonance[n];
        Normalize(noise, Math.Sqrt(s.NoiseShare));
        for (int n = 0; n < samples; n++) output[n] += noise[n];
        double gain = Math.Pow(10, (2 * random.NextDouble() - 1) / 20); // ±1 dB level variation
        Normalize(output, rms * gain);
        return output;
    }

    /// <summary>
    /// Adds the signature's anomaly to <paramref name="clip"/> inside 1–3 random segments; returns the segments
    /// (<c>[start, end]</c> seconds). Inside the segments the anomaly's RMS is <paramref name="rms"/>.
    /// </summary>
    public static List<double[]> AddAnomaly(double[] clip, MachineSignature s, int sampleRate, double rms, Random random)
    {
        double duration = (double)clip.Length / sampleRate;
        int count = 1 + random.Next(3);
        var segments = new List<double[]>();
        for (int attempt = 0; segments.Count < count && attempt < 100; attempt++)
        {
            double length = 0.6 + 0.9 * random.NextDouble();
            double start = 0.3 + (duration - length - 0.6) * random.NextDouble();
            double end = start + length;
            if (segments.Any(g => start < g[1] + 0.2 && end > g[0] - 0.2)) continue;
            segments.Add([Math.Round(start, 4), Math.Round(end, 4)]);
        }
        segments.Sort((a, b) => a[0].CompareTo(b[0]));
        foreach (double[] segment in segments)
        {
            int from = (int)(segment[0] * sampleRate), to = Math.Min(clip.Length, (int)(segment[1] * sampleRate));
            double[] sound = s.Anomaly switch
            {
                SyntheticAnomalyKind.ImpulseTrain => ImpulseTrain(to - from, s, sampleRate, random),
                SyntheticAnomalyKind.HarmonicShift => HarmonicShift(to - from, s, sampleRate, random),
                _ => Rattle(to - from, s, sampleRate, random),
            };
            Normalize(sound, rms);
            // 10 ms fades so the segment edges do not click across the whole spectrum.
            int fade = Math.Min(sound.Length / 2, sampleRate / 100);
            for (int i = 0; i < fade; i++)
            {
                double w = (double)i / fade;
                sound[i] *= w;
                sound[^(i + 1)] *= w;
            }
            for (int i = 0; i < sound.Length; i++) clip[from + i] += sound[i];
        }
        return segments;
    }

    private static double[] ImpulseTrain(int length, MachineSignature s, int sampleRate, Random random)
    {
        var sound = new double[length];
        double carrier = (s.AnomalyBandLowHz + s.AnomalyBandHighHz) / 2;
        double rate = 15 + 25 * random.NextDouble();
        const double decaySeconds = 0.002;
        int ring = (int)(decaySeconds * 8 * sampleRate);
        for (double t = 0.5 / rate * random.NextDouble(); t < (double)length / sampleRate; t += (1 + 0.1 * (random.NextDouble() - 0.5)) / rate)
        {
            int start = (int)(t * sampleRate);
            double amplitude = 0.6 + 0.4 * random.NextDouble();
            for (int i = 0; i < ring && start + i < length; i++)
            {
                double tau = (double)i / sampleRate;
                sound[start + i] += amplitude * Math.Exp(-tau / decaySeconds) * Math.Sin(2 * Math.PI * carrier * tau);
            }
        }
        return sound;
    }

    private static double[] HarmonicShift(int length, MachineSignature s, int sampleRate, Random random)
    {
        var sound = new double[length];
        var partials = new List<double>();
        for (int k = 1; k * s.FundamentalHz < s.AnomalyBandHighHz; k++)
        {
            double f = (k + 0.5) * s.FundamentalHz;
            if (f >= s.AnomalyBandLowHz + 50 && f <= s.AnomalyBandHighHz - 50) partials.Add(f);
        }
        if (partials.Count == 0) partials.Add((s.AnomalyBandLowHz + s.AnomalyBandHighHz) / 2);
        foreach (double f in partials)
        {
            double phase0 = 2 * Math.PI * random.NextDouble();
            double amplitude = 0.5 + 0.5 * random.NextDouble();
            for (int n = 0; n < length; n++) sound[n] += amplitude * Math.Sin(2 * Math.PI * f * n / sampleRate + phase0);
        }
        return sound;
    }

    private static double[] Rattle(int length, MachineSignature s, int sampleRate, Random random)
    {
        var bursts = new double[length];
        int n = 0;
        while (n < length)
        {
            int burst = (int)((0.01 + 0.02 * random.NextDouble()) * sampleRate);
            for (int i = 0; i < burst && n + i < length; i++) bursts[n + i] = Gaussian(random) * Math.Sin(Math.PI * i / burst);
            n += burst + (int)((0.02 + 0.06 * random.NextDouble()) * sampleRate);
        }
        double centre = (s.AnomalyBandLowHz + s.AnomalyBandHighHz) / 2, width = s.AnomalyBandHighHz - s.AnomalyBandLowHz;
        // Two resonator passes: steeper skirts keep the energy inside the band the mask records.
        return BandPass(BandPass(bursts, centre, width, sampleRate), centre, width, sampleRate);
    }

    /// <summary>Two-pole resonator band-pass (centre and −3 dB bandwidth in Hz).</summary>
    private static double[] BandPass(double[] x, double centreHz, double bandwidthHz, int sampleRate)
    {
        double r = Math.Exp(-Math.PI * bandwidthHz / sampleRate);
        double a1 = 2 * r * Math.Cos(2 * Math.PI * centreHz / sampleRate), a2 = -r * r;
        var y = new double[x.Length];
        double y1 = 0, y2 = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double v = (1 - r) * x[n] + a1 * y1 + a2 * y2;
            y[n] = v;
            y2 = y1;
            y1 = v;
        }
        return y;
    }

    private static double[] WhiteNoise(int samples, Random random)
    {
        var x = new double[samples];
        for (int n = 0; n < samples; n++) x[n] = Gaussian(random);
        return x;
    }

    /// <summary>One standard normal draw (Box–Muller, two uniforms from <paramref name="random"/>).</summary>
    internal static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static void Normalize(double[] x, double rms)
    {
        double sum = 0;
        foreach (double v in x) sum += v * v;
        double current = Math.Sqrt(sum / Math.Max(1, x.Length));
        if (current <= 0) return;
        double scale = rms / current;
        for (int i = 0; i < x.Length; i++) x[i] *= scale;
    }
}
