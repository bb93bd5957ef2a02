using MathNet.Numerics.LinearAlgebra;

namespace AnomalyLab.Studies;

/// <summary>
/// PCA of the mel spectrum: every valid frame of the fit clips is one sample of length n_mels. Keeps the top
/// <see cref="PcaOptions.Components"/> eigenvectors of the frame covariance and reconstructs a frame as
/// mean + W·Wᵀ·(x − mean). Sign convention (deterministic): each component's entry of largest magnitude is positive
/// (first such entry on ties). Fitted on normal clips only, so anomalous frames reconstruct worse.
/// </summary>
public sealed class PcaReconstruction : IReconstructionModel
{
    private PcaReconstruction(double[] mean, double[,] components, double[] explainedVariance)
    {
        Mean = mean;
        Components = components;
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
    public static PcaReconstruction Fit(LogMelBatch normals, PcaOptions? options = null)
    {
        options = (options ?? PcaOptions.Default).Validate();
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

        // Scatter matrix accumulated clip by clip ([n_mels, valid] centred block times its transpose) to bound memory.
        Matrix<double> scatter = Matrix<double>.Build.Dense(nMels, nMels);
        Matrix<double> block = Matrix<double>.Build.Dense(nMels, valid);
        for (int c = 0; c < normals.Count; c++)
        {
            ReadOnlySpan<float> clip = normals.Clip(c);
            for (int m = 0; m < nMels; m++)
            {
                ReadOnlySpan<float> row = clip.Slice(m * normals.Frames, valid);
                for (int t = 0; t < valid; t++) block[m, t] = row[t] - mean[m];
            }
            scatter += block.TransposeAndMultiply(block);
        }
        Matrix<double> covariance = scatter / (samples - 1);
        covariance = (covariance + covariance.Transpose()) / 2;
        var evd = covariance.Evd(Symmetricity.Symmetric);
        double[] eigenvalues = evd.EigenValues.Select(v => v.Real).ToArray();
        int[] order = Enumerable.Range(0, nMels).OrderByDescending(i => eigenvalues[i]).ThenBy(i => i).ToArray();

        int k = options.Components;
        var components = new double[k, nMels];
        var explained = new double[k];
        for (int j = 0; j < k; j++)
        {
            int source = order[j];
            explained[j] = Math.Max(0, eigenvalues[source]);
            int largest = 0;
            for (int m = 1; m < nMels; m++)
                if (Math.Abs(evd.EigenVectors[m, source]) > Math.Abs(evd.EigenVectors[largest, source]) + 1e-12) largest = m;
            double sign = evd.EigenVectors[largest, source] < 0 ? -1 : 1;
            for (int m = 0; m < nMels; m++) components[j, m] = sign * evd.EigenVectors[m, source];
        }
        return new PcaReconstruction(mean, components, explained);
    }

    /// <inheritdoc />
    public float[] Reconstruct(LogMelBatch batch)
    {
        int nMels = batch.NMels, frames = batch.Frames, k = Components.GetLength(0);
        if (nMels != Mean.Length) throw new ArgumentException($"This PCA was fitted on {Mean.Length} mel bands, the batch has {nMels}.", nameof(batch));
        var output = new float[batch.Values.Length];
        Parallel.For(0, batch.Count, () => (centred: new double[nMels], scores: new double[k]), (c, _, buffers) =>
        {
            ReadOnlySpan<float> clip = batch.Clip(c);
            Span<float> target = output.AsSpan(c * batch.ClipSize, batch.ClipSize);
            for (int t = 0; t < frames; t++)
            {
                for (int m = 0; m < nMels; m++) buffers.centred[m] = clip[m * frames + t] - Mean[m];
                for (int j = 0; j < k; j++)
                {
                    double s = 0;
                    for (int m = 0; m < nMels; m++) s += Components[j, m] * buffers.centred[m];
                    buffers.scores[j] = s;
                }
                for (int m = 0; m < nMels; m++)
                {
                    double v = Mean[m];
                    for (int j = 0; j < k; j++) v += Components[j, m] * buffers.scores[j];
                    target[m * frames + t] = (float)v;
                }
            }
            return buffers;
        }, _ => { });
        return output;
    }
}
