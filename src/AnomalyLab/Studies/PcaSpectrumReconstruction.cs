using AnomalyLab.Data;
using AnomalyLab.Detectors;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace AnomalyLab.Studies;

/// <summary>
/// PCA of the mel spectrum: every valid frame of the fit clips is one sample of length n_mels. Keeps the top
/// <see cref="PcaSpectrumOptions.Components"/> eigenvectors of the frame covariance and reconstructs a frame as
/// mean + W·Wᵀ·(x − mean). Sign convention (deterministic): each component's entry of largest magnitude is positive
/// (first such entry on ties). Fitted on normal clips only, so anomalous frames reconstruct worse. The spectrum
/// reconstruction role of the one PCA core <see cref="PcaBasis"/> (the detector role is <see cref="Detectors.PcaReconstruction"/>).
/// </summary>
public sealed class PcaSpectrumReconstruction : IReconstructionModel
{
    private readonly double[] _weights;

    private PcaSpectrumReconstruction(double[] mean, double[,] components, double[] explainedVariance)
    {
        Mean = mean;
        Components = components;
        _weights = FeatureMatrix.Flatten(components); // [k, n_mels] row-major
        ExplainedVariance = explainedVariance;
    }

    /// <summary>Mean frame, length n_mels.</summary>
    public double[] Mean { get; }

    /// <summary>Components <c>[k, n_mels]</c>, orthonormal rows, by decreasing variance.</summary>
    public double[,] Components { get; }

    /// <summary>Variance along each component (eigenvalues of the covariance, ddof 1), length k.</summary>
    public double[] ExplainedVariance { get; }

    /// <inheritdoc />
    public string Name => $"pca-{Components.GetLength(0)}";

    /// <summary>Fits on the valid frames of <paramref name="normals"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two frames, or more components than mel bands.</exception>
    public static PcaSpectrumReconstruction Fit(LogMelBatch normals, PcaSpectrumOptions? options = null)
    {
        options = (options ?? PcaSpectrumOptions.Default).Validate();
        int nMels = normals.NMels, valid = normals.ValidFrames;
        long samples = (long)normals.Count * valid;
        if (samples < 2) throw new ArgumentException($"PCA needs at least two frames to fit, found {samples}.", nameof(normals));
        if (options.Components > nMels) throw new ArgumentException($"PCA cannot keep {options.Components} components of a {nMels}-band spectrum.");

        var mean = new double[nMels];
        for (int c = 0; c < normals.Count; c++)
        {
            ReadOnlySpan<float> clip = normals.Clip(c);
            for (int m = 0; m < nMels; m++)
            {
                ReadOnlySpan<float> row = clip.Slice(m * normals.Frames, valid);
                double s = 0;
                for (int t = 0; t < valid; t++) s += row[t];
                mean[m] += s;
            }
        }
        for (int m = 0; m < nMels; m++) mean[m] /= samples;

        // Scatter matrix Σ (x − mean)(x − mean)ᵀ over frames, in fixed chunks of clips (one partial matrix per chunk,
        // summed in chunk order), so the result does not depend on thread scheduling.
        Matrix<double> scatter = Matrix<double>.Build.Dense(nMels, nMels, CentredScatter(normals, mean));
        Matrix<double> covariance = scatter / (samples - 1);
        covariance = (covariance + covariance.Transpose()) / 2;
        PcaBasis basis = PcaBasis.FromCovariance(mean, covariance.ToArray(), _ => options.Components);
        return new PcaSpectrumReconstruction(basis.Mean, basis.Components, basis.ExplainedVariance);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Works on whole rows (each mel band's frames are contiguous): scores <c>[k, frames]</c> = Wᵀ-weighted sums of the
    /// centred rows, then each output row = mean + Σⱼ W[j, m]·scores[j]. Every sum runs in the same order as the
    /// per-frame formula, in double; clips are independent and run in parallel.
    /// </remarks>
    public void Reconstruct(LogMelBatch batch, Memory<float> destination)
    {
        int nMels = batch.NMels, frames = batch.Frames, k = Components.GetLength(0);
        if (nMels != Mean.Length) throw new ArgumentException($"This PCA was fitted on {Mean.Length} mel bands, the batch has {nMels}.", nameof(batch));
        ReconstructionModelExtensions.RequireDestination(batch, destination.Length);
        Parallel.For(0, batch.Count, () => (row: new double[frames], scores: new double[k * frames]), (c, _, buffers) =>
        {
            ReconstructClip(batch.Clip(c), destination.Span.Slice(c * batch.ClipSize, batch.ClipSize), buffers.row, buffers.scores, frames);
            return buffers;
        }, _ => { });
    }

    /// <summary>One clip <c>[n_mels, frames]</c> flat; <paramref name="row"/> <c>[frames]</c> and <paramref name="scores"/> <c>[k, frames]</c> are scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first (often only) call
    private void ReconstructClip(ReadOnlySpan<float> clip, Span<float> target, Span<double> row, Span<double> scores, int frames)
    {
        int nMels = Mean.Length, k = Components.GetLength(0);
        scores.Clear();
        for (int m = 0; m < nMels; m++)
        {
            RowKernels.Centre(clip.Slice(m * frames, frames), Mean[m], row);
            for (int j = 0; j < k; j++)
            {
                Span<double> s = scores.Slice(j * frames, frames);
                RowKernels.MultiplyAdd(row, _weights[j * nMels + m], s);
            }
        }
        for (int m = 0; m < nMels; m++)
        {
            row.Fill(Mean[m]);
            for (int j = 0; j < k; j++) RowKernels.MultiplyAdd(scores.Slice(j * frames, frames), _weights[j * nMels + m], row);
            RowKernels.Narrow(row, target.Slice(m * frames, frames));
        }
    }

    /// <summary>Column-major <c>[n_mels, n_mels]</c> scatter of the valid frames about <paramref name="mean"/> (symmetric).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 code on the first (often only) call
    private static double[] CentredScatter(LogMelBatch batch, double[] mean)
    {
        const int ClipsPerChunk = 8;
        int nMels = batch.NMels, valid = batch.ValidFrames;
        int chunks = (batch.Count + ClipsPerChunk - 1) / ClipsPerChunk;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var sum = new double[nMels * nMels];
            var centred = new double[nMels * valid];
            int end = Math.Min(batch.Count, (chunk + 1) * ClipsPerChunk);
            for (int c = chunk * ClipsPerChunk; c < end; c++)
            {
                ReadOnlySpan<float> clip = batch.Clip(c);
                for (int m = 0; m < nMels; m++)
                {
                    Span<double> row = centred.AsSpan(m * valid, valid);
                    RowKernels.Centre(clip.Slice(m * batch.Frames, valid), mean[m], row);
                }
                for (int i = 0; i < nMels; i++)
                {
                    ReadOnlySpan<double> a = centred.AsSpan(i * valid, valid);
                    for (int j = i; j < nMels; j++) sum[i * nMels + j] += RowKernels.Dot(a, centred.AsSpan(j * valid, valid));
                }
            }
            partial[chunk] = sum;
        });
        var scatter = new double[nMels * nMels];
        foreach (double[] p in partial)
            for (int i = 0; i < scatter.Length; i++) scatter[i] += p[i];
        for (int i = 0; i < nMels; i++)
            for (int j = i + 1; j < nMels; j++) scatter[j * nMels + i] = scatter[i * nMels + j];
        return scatter;
    }
}
