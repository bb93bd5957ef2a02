using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AnomalyLab.Audio;

/// <summary>Converts raw little-endian sample bytes to floats in [-1, 1). Pure, allocation-free.</summary>
public static class SampleDecoder
{
    /// <summary>
    /// Decodes <paramref name="data"/> (whole samples only) into <paramref name="destination"/>.
    /// Integer PCM is divided by 2^(bits-1) (8-bit is unsigned, offset 128), matching torchaudio's and soundfile's scaling.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> data, WavSampleFormat format, int bitsPerSample, Span<float> destination)
    {
        int count = data.Length / (bitsPerSample / 8);
        if (destination.Length < count) throw new ArgumentException($"destination holds {destination.Length} samples, {count} needed.", nameof(destination));
        switch (format, bitsPerSample)
        {
            case (WavSampleFormat.Pcm, 8):
                for (int i = 0; i < count; i++) destination[i] = (data[i] - 128) / 128f;
                break;
            case (WavSampleFormat.Pcm, 16):
            {
                ReadOnlySpan<short> values = MemoryMarshal.Cast<byte, short>(data[..(count * 2)]);
                const float scale = 1f / 32768f;
                if (BitConverter.IsLittleEndian)
                    for (int i = 0; i < count; i++) destination[i] = values[i] * scale;
                else
                    for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReverseEndianness(values[i]) * scale;
                break;
            }
            case (WavSampleFormat.Pcm, 24):
            {
                const float scale = 1f / 8388608f;
                for (int i = 0, b = 0; i < count; i++, b += 3)
                {
                    int value = data[b] | (data[b + 1] << 8) | ((sbyte)data[b + 2] << 16);
                    destination[i] = value * scale;
                }
                break;
            }
            case (WavSampleFormat.Pcm, 32):
            {
                const double scale = 1.0 / 2147483648.0;
                for (int i = 0; i < count; i++) destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]) * scale);
                break;
            }
            case (WavSampleFormat.IeeeFloat, 32):
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
                break;
            case (WavSampleFormat.IeeeFloat, 64):
                for (int i = 0; i < count; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]);
                break;
            default:
                throw new NotSupportedException($"{bitsPerSample}-bit {format} samples are not supported.");
        }
    }

    /// <summary>Index of the first NaN or infinite value in <paramref name="samples"/>, or -1 when all are finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> samples)
    {
        for (int i = 0; i < samples.Length; i++)
            if (!float.IsFinite(samples[i])) return i;
        return -1;
    }

    /// <summary>
    /// Throws <see cref="WavFormatException"/> naming <paramref name="name"/> and the sample when <paramref name="samples"/>
    /// (interleaved, <paramref name="channels"/> per frame, starting at sample <paramref name="firstSample"/> of the file) holds NaN
    /// or ±infinity. Float WAVs can hold them; no feature, score or statistic means anything after one.
    /// </summary>
    public static void RequireFinite(ReadOnlySpan<float> samples, int channels, string name, long firstSample = 0)
    {
        int index = IndexOfNonFinite(samples);
        if (index < 0) return;
        long sample = firstSample + index;
        string where = channels == 1 ? $"sample {sample}" : $"sample {sample} (frame {sample / channels}, channel {sample % channels})";
        throw new WavFormatException(name, $"{where} is {samples[index]}; samples must be finite numbers (NaN and infinity are refused).");
    }
}
