using AnomalyLab.Audio;

namespace AnomalyLab.Streaming;

/// <summary>
/// Reads interleaved PCM frames from a <see cref="Stream"/> (stdin, a pipe, or a WAV file's data chunk) and down-mixes
/// them to mono floats (mean of the channels). Holds one small byte buffer, never the stream. A stream that ends in
/// the middle of a frame leaves <see cref="DanglingBytes"/> &gt; 0: those bytes are ignored (no partial sample is invented).
/// </summary>
public sealed class PcmFrameReader
{
    private readonly Stream _stream;
    private readonly PcmFormat _format;
    private readonly long _limit;
    private readonly WavSampleFormat _wavFormat;
    private readonly int _bits;
    private readonly string _name;
    private byte[] _bytes = [];
    private float[] _interleaved = [];
    private long _consumed;

    /// <summary>
    /// Reads <paramref name="stream"/> (left open) in <paramref name="format"/>, at most <paramref name="byteLimit"/> bytes (null = to the end);
    /// <paramref name="name"/> labels errors (a file path, or "standard input").
    /// </summary>
    public PcmFrameReader(Stream stream, PcmFormat format, long? byteLimit = null, string name = "standard input")
    {
        _name = name;
        _stream = stream;
        _format = format.Validate();
        _limit = byteLimit ?? long.MaxValue;
        (_wavFormat, _bits) = format.WavEquivalent;
    }

    /// <summary>The stream's layout.</summary>
    public PcmFormat Format => _format;

    /// <summary>Whole frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Bytes of an incomplete final frame that were dropped (0 until the stream ends mid-frame).</summary>
    public int DanglingBytes { get; private set; }

    /// <summary>True once the stream (or the byte limit) is exhausted.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Fills <paramref name="destination"/> with mono samples, blocking until it is full or the stream ends.
    /// Returns the number of frames written (less than the length only at the end of the stream).
    /// </summary>
    public int Read(Span<float> destination)
    {
        int frameBytes = _format.BytesPerFrame;
        int wanted = destination.Length * frameBytes;
        if (_bytes.Length < wanted) _bytes = new byte[wanted];
        int filled = 0;
        while (filled < wanted && !Ended)
        {
            int request = (int)Math.Min(wanted - filled, _limit - _consumed);
            int got = request <= 0 ? 0 : _stream.Read(_bytes, filled, request);
            if (got == 0)
            {
                Ended = true;
                break;
            }
            filled += got;
            _consumed += got;
        }
        int frames = filled / frameBytes;
        if (Ended) DanglingBytes = filled - frames * frameBytes;
        int samples = frames * _format.Channels;
        if (_interleaved.Length < samples) _interleaved = new float[samples];
        SampleDecoder.Decode(_bytes.AsSpan(0, samples * _format.BytesPerSample), _wavFormat, _bits, _interleaved);
        if (_wavFormat == WavSampleFormat.IeeeFloat) SampleDecoder.RequireFinite(_interleaved.AsSpan(0, samples), _format.Channels, _name, FramesRead * _format.Channels);
        int channels = _format.Channels;
        for (int f = 0; f < frames; f++)
        {
            if (channels == 1)
            {
                destination[f] = _interleaved[f];
                continue;
            }
            double sum = 0;
            for (int c = 0; c < channels; c++) sum += _interleaved[f * channels + c];
            destination[f] = (float)(sum / channels);
        }
        FramesRead += frames;
        return frames;
    }

    /// <summary>
    /// A reader over the data chunk of the WAV file open in <paramref name="stream"/> (seekable, at any position):
    /// the header is parsed, the stream positioned at the first sample and limited to the data chunk.
    /// </summary>
    /// <exception cref="WavFormatException">Not a WAV file, or an encoding other than 16/32-bit PCM or 32-bit float.</exception>
    public static PcmFrameReader OpenWav(Stream stream, string name)
    {
        WavHeader header = WavReader.ReadHeader(stream, name);
        PcmEncoding encoding = (header.Format, header.BitsPerSample) switch
        {
            (WavSampleFormat.Pcm, 16) => PcmEncoding.S16Le,
            (WavSampleFormat.Pcm, 32) => PcmEncoding.S32Le,
            (WavSampleFormat.IeeeFloat, 32) => PcmEncoding.F32Le,
            _ => throw new WavFormatException(name, $"{header.BitsPerSample}-bit {header.Format} samples cannot be streamed; expected 16/32-bit PCM or 32-bit float."),
        };
        stream.Position = header.DataOffset;
        return new PcmFrameReader(stream, new PcmFormat(header.SampleRate, header.ChannelCount, encoding), header.FrameCount * header.BlockAlign, name);
    }
}
