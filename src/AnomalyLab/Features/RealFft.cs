using System.Numerics;

namespace AnomalyLab.Features;

/// <summary>
/// Forward FFT of real input of a fixed size n (a power of two), computed as one complex FFT of size n/2
/// plus a split step. Output: the one-sided spectrum, bins 0..n/2. Immutable and thread-safe after construction;
/// each call needs its own scratch (see <see cref="CreateScratch"/>).
/// </summary>
public sealed class RealFft
{
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly Complex[] _twiddles;   // e^{-2πik/half}, k < half/2
    private readonly Complex[] _split;      // e^{-2πik/n}, k <= half

    /// <summary>Prepares tables for size <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentException">Size is not a power of two of at least 4.</exception>
    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0) throw new ArgumentException($"FFT size must be a power of two >= 4 (got {size}).", nameof(size));
        Size = size;
        _half = size / 2;
        int bits = BitOperations.Log2((uint)_half);
        _bitReverse = new int[_half];
        for (int i = 0; i < _half; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _bitReverse[i] = r;
        }
        _twiddles = new Complex[Math.Max(1, _half / 2)];
        for (int k = 0; k < _twiddles.Length; k++) _twiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / _half);
        _split = new Complex[_half + 1];
        for (int k = 0; k <= _half; k++) _split[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / size);
    }

    /// <summary>Transform size n.</summary>
    public int Size { get; }

    /// <summary>A scratch buffer of the right length for <see cref="Forward"/>.</summary>
    public Complex[] CreateScratch() => new Complex[_half];

    /// <summary>
    /// Computes the one-sided spectrum of <paramref name="input"/> (length n) into <paramref name="output"/> (length n/2 + 1).
    /// </summary>
    public void Forward(ReadOnlySpan<double> input, Span<Complex> output, Complex[] scratch)
    {
        if (input.Length != Size) throw new ArgumentException($"input has {input.Length} samples, FFT size is {Size}.", nameof(input));
        if (output.Length < _half + 1) throw new ArgumentException($"output needs {_half + 1} bins.", nameof(output));
        Complex[] z = scratch;
        for (int i = 0; i < _half; i++) z[_bitReverse[i]] = new Complex(input[2 * i], input[2 * i + 1]);
        for (int length = 2; length <= _half; length <<= 1)
        {
            int halfLength = length >> 1;
            int stride = _half / length;
            for (int start = 0; start < _half; start += length)
            {
                for (int k = 0; k < halfLength; k++)
                {
                    Complex t = _twiddles[k * stride] * z[start + k + halfLength];
                    Complex u = z[start + k];
                    z[start + k] = u + t;
                    z[start + k + halfLength] = u - t;
                }
            }
        }
        for (int k = 0; k <= _half; k++)
        {
            Complex a = z[k % _half];
            Complex b = Complex.Conjugate(z[(_half - k) % _half]);
            Complex even = (a + b) * 0.5;
            Complex odd = (a - b) * new Complex(0, -0.5);
            output[k] = even + _split[k] * odd;
        }
    }
}
