using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AnomalyLab.Features.Signal;

/// <summary>
/// One-sided DFT of a real frame of any length n: bins 0..⌊n/2⌋. Power-of-two lengths use <see cref="RealFft"/>;
/// other lengths use MathNet.Numerics (Bluestein), unscaled. Not thread-safe: one instance per thread.
/// </summary>
internal sealed class RealSpectrum
{
    private readonly RealFft? _fft;
    private readonly RealFftScratch? _fftScratch;
    private readonly Complex[] _scratch;

    public RealSpectrum(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "frame length must be positive.");
        Size = size;
        if (size >= 4 && (size & (size - 1)) == 0)
        {
            _fft = new RealFft(size);
            _fftScratch = _fft.CreateScratch();
            _scratch = [];
        }
        else _scratch = new Complex[size];
    }

    public int Size { get; }

    public int Bins => Size / 2 + 1;

    /// <summary>Writes the one-sided spectrum of <paramref name="frame"/> (length n) into <paramref name="output"/> (length ⌊n/2⌋+1).</summary>
    public void Forward(ReadOnlySpan<double> frame, Span<Complex> output)
    {
        if (_fft != null)
        {
            _fft.Forward(frame, output, _fftScratch!);
            return;
        }
        for (int i = 0; i < Size; i++) _scratch[i] = new Complex(frame[i], 0);
        Fourier.Forward(_scratch, FourierOptions.Matlab);
        for (int k = 0; k < Bins; k++) output[k] = _scratch[k];
    }
}
