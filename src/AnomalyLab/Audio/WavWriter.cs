using System.Buffers.Binary;
using AnomalyLab.IO;

namespace AnomalyLab.Audio;

/// <summary>
/// Writes RIFF/WAVE files: 16-bit PCM (default, what DCASE ships) or 32-bit float. The file is written to a
/// temporary name beside the target and moved into place, so a reader never sees half a file.
/// </summary>
public static class WavWriter
{
    /// <summary>Writes mono or interleaved <paramref name="samples"/> (shape <c>[frames * channels]</c>, values in [-1, 1]).</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="samples">Interleaved samples; integer PCM is clipped to the representable range.</param>
    /// <param name="sampleRate">Hz.</param>
    /// <param name="channels">Interleaved channel count.</param>
    /// <param name="format">PCM (16-bit) or IEEE float (32-bit) unless <paramref name="bitsPerSample"/> says otherwise.</param>
    /// <param name="bitsPerSample">PCM: 8, 16, 24 or 32; float: 32 or 64.</param>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm, int bitsPerSample = 16)
    {
        byte[] image = Encode(samples, sampleRate, channels, format, bitsPerSample);
        AtomicFile.WriteAllBytes(path, image);
    }

    /// <summary>The bytes of a canonical 44-byte-header WAV file holding <paramref name="samples"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm, int bitsPerSample = 16)
    {
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), "at least one channel is needed.");
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate), "sample rate must be positive.");
        if (samples.Length % channels != 0) throw new ArgumentException($"{samples.Length} samples do not divide into {channels} channels.", nameof(samples));
        bool valid = format == WavSampleFormat.Pcm ? bitsPerSample is 8 or 16 or 24 or 32 : bitsPerSample is 32 or 64;
        if (!valid) throw new ArgumentException($"{bitsPerSample}-bit {format} is not writable.", nameof(bitsPerSample));
        int bytesPerSample = bitsPerSample / 8;
        int dataLength = samples.Length * bytesPerSample;
        var image = new byte[44 + dataLength];
        Span<byte> span = image;
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataLength));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)format);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)bitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataLength);
        Span<byte> data = span[44..];
        for (int i = 0; i < samples.Length; i++)
        {
            float x = samples[i];
            Span<byte> at = data[(i * bytesPerSample)..];
            switch (format, bitsPerSample)
            {
                case (WavSampleFormat.Pcm, 8): at[0] = (byte)(Quantize(x, 128.0) + 128); break;
                case (WavSampleFormat.Pcm, 16): BinaryPrimitives.WriteInt16LittleEndian(at, (short)Quantize(x, 32768.0)); break;
                case (WavSampleFormat.Pcm, 24):
                {
                    int v = (int)Quantize(x, 8388608.0);
                    at[0] = (byte)v; at[1] = (byte)(v >> 8); at[2] = (byte)(v >> 16);
                    break;
                }
                case (WavSampleFormat.Pcm, 32): BinaryPrimitives.WriteInt32LittleEndian(at, (int)Quantize(x, 2147483648.0)); break;
                case (WavSampleFormat.IeeeFloat, 32): BinaryPrimitives.WriteSingleLittleEndian(at, x); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(at, x); break;
            }
        }
        return image;
    }

    private static long Quantize(float x, double fullScale)
    {
        double scaled = Math.Round(x * fullScale);
        return (long)Math.Clamp(scaled, -fullScale, fullScale - 1);
    }
}
