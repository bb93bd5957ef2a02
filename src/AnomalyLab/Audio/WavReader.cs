using System.Buffers.Binary;

namespace AnomalyLab.Audio;

/// <summary>
/// Decodes RIFF/WAVE files (little-endian): integer PCM 8/16/24/32-bit, IEEE float 32/64-bit, plain or
/// WAVE_FORMAT_EXTENSIBLE. Unknown chunks (LIST, fact, cue, ...) are skipped, honouring odd-size padding.
/// Written by hand because no WAV decoder package (NAudio, NWaves) is available on this project's package mirror.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatIeeeFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Decodes <paramref name="path"/>.</summary>
    /// <exception cref="WavFormatException">The file is not a WAV file this reader supports; the message says why.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static WavAudio Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: WAV file not found.", path);
        byte[] bytes = File.ReadAllBytes(path);
        return Decode(bytes, path);
    }

    /// <summary>
    /// Decodes the header only: format, rate, channels and frame count, without reading the samples. Reads the first
    /// 64 kB and more only if the chunks before 'data' (e.g. a large LIST) need it.
    /// </summary>
    /// <exception cref="WavFormatException">The header is malformed or unsupported.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static WavHeader ReadHeader(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: WAV file not found.", path);
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>
    /// Parses the header of the WAV file open in <paramref name="stream"/> (seekable; read from its start, position left
    /// anywhere); <paramref name="name"/> labels errors. Reads a longer prefix when the chunks before <c>data</c> run past 64 KiB.
    /// </summary>
    /// <exception cref="WavFormatException">The header is malformed or unsupported.</exception>
    public static WavHeader ReadHeader(Stream stream, string name)
    {
        long length = stream.Length;
        int prefix = (int)Math.Min(length, 1 << 16);
        while (true)
        {
            var buffer = new byte[prefix];
            stream.Position = 0;
            stream.ReadExactly(buffer);
            WavHeader? header = TryParseHeader(buffer, length, name);
            if (header != null) return header;
            // The chunk list runs past the prefix read so far: read a longer one (bounded by the file length).
            prefix = (int)Math.Min(length, Math.Min((long)prefix * 4, int.MaxValue));
        }
    }

    /// <summary>Decodes a whole WAV image held in memory; <paramref name="name"/> labels errors.</summary>
    public static WavAudio Decode(ReadOnlySpan<byte> bytes, string name)
    {
        WavHeader header = ParseHeader(bytes, bytes.Length, name);
        ReadOnlySpan<byte> data = bytes.Slice((int)header.DataOffset, (int)header.DataLength);
        float[] samples = new float[header.FrameCount * header.ChannelCount];
        SampleDecoder.Decode(data[..(samples.Length * header.BytesPerSample)], header.Format, header.BitsPerSample, samples);
        if (header.Format == WavSampleFormat.IeeeFloat) SampleDecoder.RequireFinite(samples, header.ChannelCount, name);
        return new WavAudio(name, header.SampleRate, header.ChannelCount, header.BitsPerSample, header.Format, header.ChannelMask, samples);
    }

    /// <summary>
    /// Parses the RIFF header from <paramref name="prefix"/> (at least up to the start of the data chunk);
    /// <paramref name="totalLength"/> is the length of the whole file, used to bound every chunk size.
    /// </summary>
    /// <exception cref="WavFormatException">The header is malformed, unsupported, or runs past <paramref name="prefix"/>.</exception>
    public static WavHeader ParseHeader(ReadOnlySpan<byte> prefix, long totalLength, string name) =>
        TryParseHeader(prefix, totalLength, name)
        ?? throw new WavFormatException(name, $"header chunks extend past the first {prefix.Length} bytes given; the file is malformed.");

    /// <summary>Parses the header, or returns null when <paramref name="prefix"/> is shorter than the file and the chunk list runs past it.</summary>
    private static WavHeader? TryParseHeader(ReadOnlySpan<byte> prefix, long totalLength, string name)
    {
        bool partial = prefix.Length < totalLength;
        if (prefix.Length < 12) throw new WavFormatException(name, $"file is {totalLength} bytes, too short for a RIFF header (12 bytes).");
        if (!prefix[..4].SequenceEqual("RIFF"u8))
        {
            string found = prefix[..4].SequenceEqual("RIFX"u8) ? "RIFX (big-endian), which is not supported" : $"'{Printable(prefix[..4])}'";
            throw new WavFormatException(name, $"not a RIFF file: expected 'RIFF' at byte 0, found {found}.");
        }
        if (!prefix.Slice(8, 4).SequenceEqual("WAVE"u8))
            throw new WavFormatException(name, $"not a WAVE file: RIFF form type is '{Printable(prefix.Slice(8, 4))}', expected 'WAVE'.");

        long position = 12;
        FormatChunk? format = null;
        while (true)
        {
            if (position + 8 > totalLength)
            {
                string missing = format == null ? "'fmt ' chunk" : "'data' chunk";
                throw new WavFormatException(name, $"no {missing} before the end of the file ({totalLength} bytes).");
            }
            if (position + 8 > prefix.Length)
            {
                if (partial) return null;
                throw new WavFormatException(name, $"header chunks extend past the first {prefix.Length} bytes; the file is malformed.");
            }
            ReadOnlySpan<byte> id = prefix.Slice((int)position, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice((int)position + 4, 4));
            long body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16) throw new WavFormatException(name, $"'fmt ' chunk is {size} bytes, expected at least 16.");
                if (body + size > totalLength)
                    throw new WavFormatException(name, $"'fmt ' chunk claims {size} bytes at byte {position} but the file ends at byte {totalLength}.");
                if (body + size > prefix.Length)
                {
                    if (partial) return null;
                    throw new WavFormatException(name, $"'fmt ' chunk runs past the first {prefix.Length} bytes given.");
                }
                format = ParseFormat(prefix.Slice((int)body, (int)size), name);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format == null) throw new WavFormatException(name, "'data' chunk comes before any 'fmt ' chunk: missing format description.");
                long available = totalLength - body;
                if (size > available)
                {
                    // A streaming writer that never patched the size leaves 0xFFFFFFFF or 0; anything else is truncation.
                    if (size != uint.MaxValue && size != 0)
                        throw new WavFormatException(name, $"truncated data chunk: header says {size} bytes of samples, the file holds {available}.");
                    size = (uint)Math.Min(available, uint.MaxValue - 1);
                }
                else if (size == 0)
                {
                    throw new WavFormatException(name, "empty data chunk: the file holds no samples.");
                }
                int blockAlign = format.Value.BlockAlign;
                long frames = size / blockAlign;
                if (frames == 0) throw new WavFormatException(name, $"data chunk of {size} bytes holds less than one frame ({blockAlign} bytes).");
                if (frames * format.Value.Channels > int.MaxValue)
                    throw new WavFormatException(name, $"{frames} frames × {format.Value.Channels} channels is more than one array can hold.");
                var f = format.Value;
                return new WavHeader(name, f.SampleRate, f.Channels, f.BitsPerSample, f.Format, f.ChannelMask, body, size, frames);
            }
            else if (body + size > totalLength)
            {
                throw new WavFormatException(name, $"chunk '{Printable(id)}' claims {size} bytes at byte {position} but the file ends at byte {totalLength}.");
            }
            position = body + size + (size & 1); // chunks are padded to even sizes
        }
    }

    private readonly record struct FormatChunk(WavSampleFormat Format, int Channels, int SampleRate, int BitsPerSample, int BlockAlign, uint ChannelMask);

    private static FormatChunk ParseFormat(ReadOnlySpan<byte> chunk, string name)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(chunk[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        uint mask = 0;
        bool extensible = tag == FormatExtensible;
        if (extensible)
        {
            if (chunk.Length < 40) throw new WavFormatException(name, $"WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is {chunk.Length} bytes, expected 40.");
            int validBits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[18..]);
            mask = BinaryPrimitives.ReadUInt32LittleEndian(chunk[20..]);
            // The sub-format GUID's first two bytes carry the codec; the remaining 14 are the fixed KSDATAFORMAT suffix.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
            if (!chunk.Slice(26, 14).SequenceEqual(KsDataFormatSuffix))
                throw new WavFormatException(name, $"unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID {FormatGuid(chunk.Slice(24, 16))}; only KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT are decoded.");
            if (validBits > bits) throw new WavFormatException(name, $"{validBits} valid bits in a {bits}-bit container.");
        }
        if (channels == 0) throw new WavFormatException(name, "'fmt ' chunk declares zero channels.");
        if (sampleRate == 0) throw new WavFormatException(name, "'fmt ' chunk declares a sample rate of 0 Hz.");
        if (sampleRate > 10_000_000) throw new WavFormatException(name, $"'fmt ' chunk declares an implausible sample rate of {sampleRate} Hz.");
        WavSampleFormat format = tag switch
        {
            FormatPcm => WavSampleFormat.Pcm,
            FormatIeeeFloat => WavSampleFormat.IeeeFloat,
            _ => throw new WavFormatException(name, $"unsupported codec {CodecName(tag)} ({(extensible ? "WAVE_FORMAT_EXTENSIBLE sub-format" : "format tag")} 0x{tag:X4}); only PCM (1), IEEE float (3) and their EXTENSIBLE forms are decoded."),
        };
        bool supported = format == WavSampleFormat.Pcm ? bits is 8 or 16 or 24 or 32 : bits is 32 or 64;
        if (!supported) throw new WavFormatException(name, $"{bits}-bit {(format == WavSampleFormat.Pcm ? "PCM" : "float")} samples are not supported (PCM: 8/16/24/32, float: 32/64).");
        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign)
            throw new WavFormatException(name, $"block align is {blockAlign} bytes, expected {expectedAlign} for {channels} channel(s) of {bits} bits.");
        return new FormatChunk(format, channels, (int)sampleRate, bits, blockAlign, mask);
    }

    // Bytes 2..15 of KSDATAFORMAT_SUBTYPE_* GUIDs {0000xxxx-0000-0010-8000-00AA00389B71} as stored little-endian.
    private static ReadOnlySpan<byte> KsDataFormatSuffix => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private static string FormatGuid(ReadOnlySpan<byte> bytes) => new Guid(bytes).ToString("B");

    private static string CodecName(ushort tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "µ-law",
        0x0011 => "IMA ADPCM",
        0x0050 => "MPEG",
        0x0055 => "MP3",
        0x0161 => "WMA",
        _ => "unknown",
    };

    private static string Printable(ReadOnlySpan<byte> id)
    {
        Span<char> chars = stackalloc char[id.Length];
        for (int i = 0; i < id.Length; i++) chars[i] = id[i] is >= 32 and < 127 ? (char)id[i] : '?';
        return new string(chars);
    }
}
