using AnomalyLab.Audio;
using AnomalyLab.Streaming;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Streaming;

public class StreamSegmenterTests
{
    private static readonly PcmFormat Mono100 = new(100, 1, PcmEncoding.S16Le);

    [Fact]
    public void Consecutive_segments_with_overlap_and_a_scored_final_partial()
    {
        float[] signal = Ramp(530);
        var options = new SegmentOptions { SegmentSeconds = 1.0, OverlapSeconds = 0.25 };
        var segments = StreamSegmenter.Segments(Reader(signal, Mono100), options).ToList();

        // hop 75: full segments start at 0, 75, ..., 375 (375 + 100 = 475 ≤ 530); the partial starts at 450 with 80 samples.
        Assert.Equal([0L, 75, 150, 225, 300, 375, 450], segments.Select(s => s.StartSample));
        Assert.All(segments[..^1], s => Assert.Equal(100, s.Samples.Length));
        AudioSegment last = segments[^1];
        Assert.True(last.IsPartial);
        Assert.False(last.Skipped);
        Assert.Equal(80, last.Samples.Length);
        foreach (AudioSegment s in segments)
            for (int i = 0; i < s.Samples.Length; i++) Assert.Equal(signal[s.StartSample + i], s.Samples[i], 4);
        Assert.Equal(segments.Select(s => ((int)s.StartSample, s.Samples.Length, s.IsPartial, s.Skipped)), options.Plan(530, 100));
    }

    [Fact]
    public void Short_final_partial_is_reported_as_skipped_and_exact_end_gives_no_partial()
    {
        var options = new SegmentOptions { SegmentSeconds = 1.0 };
        var skipped = StreamSegmenter.Segments(Reader(Ramp(230), Mono100), options).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.True(skipped[^1].Skipped);
        Assert.Equal(30, skipped[^1].Samples.Length);

        var exact = StreamSegmenter.Segments(Reader(Ramp(300), Mono100), options).ToList();
        Assert.Equal(3, exact.Count);
        Assert.All(exact, s => Assert.False(s.IsPartial));
        Assert.Equal(exact.Select(s => ((int)s.StartSample, s.Samples.Length, s.IsPartial, s.Skipped)), options.Plan(300, 100));
    }

    [Fact]
    public void Stream_ending_mid_sample_drops_the_dangling_bytes()
    {
        byte[] bytes = [.. Encode(Ramp(150), PcmEncoding.S16Le), 0x7F];
        var reader = new PcmFrameReader(new MemoryStream(bytes), Mono100);
        var segments = StreamSegmenter.Segments(reader, new SegmentOptions { SegmentSeconds = 1.0 }).ToList();
        Assert.Equal(2, segments.Count);
        Assert.Equal(50, segments[1].Samples.Length);
        Assert.Equal(1, reader.DanglingBytes);
        Assert.Equal(150, reader.FramesRead);
    }

    [Theory]
    [InlineData(PcmEncoding.S16Le)]
    [InlineData(PcmEncoding.S32Le)]
    [InlineData(PcmEncoding.F32Le)]
    public void Stereo_frames_are_decoded_and_mixed_to_mono(PcmEncoding encoding)
    {
        float[] left = Ramp(64), right = left.Select(v => -0.5f * v).ToArray();
        float[] interleaved = new float[128];
        for (int i = 0; i < 64; i++) { interleaved[2 * i] = left[i]; interleaved[2 * i + 1] = right[i]; }
        var reader = new PcmFrameReader(new MemoryStream(Encode(interleaved, encoding)), new PcmFormat(100, 2, encoding));
        var mono = new float[80];
        Assert.Equal(64, reader.Read(mono));
        for (int i = 0; i < 64; i++) Assert.Equal(0.25 * left[i], mono[i], 4);
        Assert.True(reader.Ended);
    }

    [Fact]
    public void Wav_reader_streams_the_data_chunk_only()
    {
        using var folder = new TempFolder();
        string path = folder.File("a.wav");
        float[] signal = Ramp(250);
        WavWriter.Write(path, signal, 100);
        using var stream = File.OpenRead(path);
        PcmFrameReader reader = PcmFrameReader.OpenWav(stream, path);
        var segments = StreamSegmenter.Segments(reader, new SegmentOptions { SegmentSeconds = 1.0 }).ToList();
        Assert.Equal([100, 100, 50], segments.Select(s => s.Samples.Length));
        Assert.Equal(signal[249], segments[2].Samples[49], 4);
        Assert.Equal(0, reader.DanglingBytes);
    }

    [Fact]
    public void Wav_with_chunks_running_past_64_kib_before_the_data_streams_like_the_file_reader_reads_it()
    {
        // 16-bit mono at 100 Hz behind a 100 kB LIST chunk: the header is only complete after the first 64 KiB prefix.
        short[] pcm = Enumerable.Range(0, 150).Select(i => (short)(i * 100 - 7000)).ToArray();
        byte[] data = new byte[pcm.Length * 2];
        Buffer.BlockCopy(pcm, 0, data, 0, data.Length);
        byte[] image = AnomalyLab.Tests.Audio.WavImage.Riff().Fmt(1, 1, 100, 16).Chunk("LIST", new byte[100_000]).Data(data).ToArray();
        using var stream = new MemoryStream(image, writable: false);
        PcmFrameReader reader = PcmFrameReader.OpenWav(stream, "big-list.wav");
        float[] streamed = StreamSegmenter.Segments(reader, new SegmentOptions { SegmentSeconds = 1.0 }).SelectMany(s => s.Samples).ToArray();
        Assert.Equal(WavReader.Decode(image, "big-list.wav").Samples, streamed);
    }

    [Fact]
    public void Segments_arrive_while_the_stream_is_still_open_and_only_one_segment_is_read_ahead()
    {
        var endless = new EndlessStream();
        var reader = new PcmFrameReader(endless, Mono100);
        using IEnumerator<AudioSegment> segments = StreamSegmenter.Segments(reader, new SegmentOptions { SegmentSeconds = 1.0, OverlapSeconds = 0.5 }).GetEnumerator();
        Assert.True(segments.MoveNext());
        Assert.Equal(200, endless.BytesRead); // exactly one segment of 100 s16 samples
        Assert.True(segments.MoveNext());
        Assert.Equal(300, endless.BytesRead); // then one hop (50 samples) per segment
        for (int i = 0; i < 1000; i++) Assert.True(segments.MoveNext());
        Assert.Equal(200 + 1001 * 100, endless.BytesRead);
        Assert.Equal(1001 * 50, segments.Current.StartSample);
    }

    [Theory]
    [InlineData("2s", 2.0)]
    [InlineData("500ms", 0.5)]
    [InlineData("0.25", 0.25)]
    public void Durations_parse(string text, double seconds) => Assert.Equal(seconds, SegmentOptions.ParseSeconds(text), 12);

    [Fact]
    public void Overlap_not_shorter_than_segment_is_rejected() =>
        Assert.Throws<ArgumentException>(() => StreamSegmenter.Segments(Reader(Ramp(10), Mono100), new SegmentOptions { SegmentSeconds = 1, OverlapSeconds = 1 }).ToList());

    private static PcmFrameReader Reader(float[] signal, PcmFormat format) => new(new MemoryStream(Encode(signal, format.Encoding)), format);

    private static float[] Ramp(int length) => Enumerable.Range(0, length).Select(i => (float)(((i * 37) % 200) - 100) / 256f).ToArray();

    /// <summary>A stream of silence that never ends, counting what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Deliver in small pieces, as a pipe does.
            int n = Math.Min(count, 37);
            Array.Clear(buffer, offset, n);
            BytesRead += n;
            return n;
        }
    }

    internal static byte[] Encode(float[] samples, PcmEncoding encoding)
    {
        using var memory = new MemoryStream();
        using var writer = new BinaryWriter(memory);
        foreach (float v in samples)
        {
            switch (encoding)
            {
                case PcmEncoding.S16Le: writer.Write((short)Math.Round(v * 32768)); break;
                case PcmEncoding.S32Le: writer.Write((int)Math.Round(v * 2147483648.0)); break;
                default: writer.Write(v); break;
            }
        }
        writer.Flush();
        return memory.ToArray();
    }
}
