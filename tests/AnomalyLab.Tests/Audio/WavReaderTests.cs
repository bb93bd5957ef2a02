using AnomalyLab.Audio;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Audio;

public class WavReaderTests
{
    [Theory]
    [InlineData(WavSampleFormat.Pcm, 8, 1.0 / 128)]
    [InlineData(WavSampleFormat.Pcm, 16, 1.0 / 32768)]
    [InlineData(WavSampleFormat.Pcm, 24, 1.0 / 8388608)]
    [InlineData(WavSampleFormat.Pcm, 32, 1e-7)]
    [InlineData(WavSampleFormat.IeeeFloat, 32, 0)]
    [InlineData(WavSampleFormat.IeeeFloat, 64, 0)]
    public void Written_files_read_back_within_one_quantisation_step(WavSampleFormat format, int bits, double step)
    {
        using var folder = new TempFolder();
        float[] samples = [0f, 0.5f, -0.5f, 0.99f, -1f, 0.123456f, -0.654321f, 0.25f];
        string path = folder.File($"{format}{bits}.wav");
        WavWriter.Write(path, samples, 22050, channels: 2, format, bits);

        WavAudio audio = WavReader.Read(path);
        Assert.Equal((22050, 2, bits, format), (audio.SampleRate, audio.ChannelCount, audio.BitsPerSample, audio.Format));
        Assert.Equal(4, audio.FrameCount);
        for (int i = 0; i < samples.Length; i++) Assert.True(Math.Abs(audio.Samples[i] - samples[i]) <= step / 2 + 1e-9, $"sample {i}: {audio.Samples[i]} vs {samples[i]}");
        // The header alone says the same, and its data chunk is exactly the 4 frames × 2 channels × bits/8 bytes at the end of the file.
        WavHeader header = WavReader.ReadHeader(path);
        Assert.Equal((22050, 2, bits, format, 4L), (header.SampleRate, header.ChannelCount, header.BitsPerSample, header.Format, header.FrameCount));
        Assert.Equal(samples.Length * bits / 8, header.DataLength);
        Assert.Equal(new FileInfo(path).Length, header.DataOffset + header.DataLength);
    }

    [Fact]
    public void Integer_pcm_scales_by_two_to_the_bits_minus_one()
    {
        byte[] pcm8 = WavImage.Riff().Fmt(1, 1, 8000, 8).Data([0, 128, 255, 64]).ToArray();
        Assert.Equal([-1f, 0f, 127f / 128, -0.5f], WavReader.Decode(pcm8, "pcm8").Samples);

        byte[] pcm16 = WavImage.Riff().Fmt(1, 1, 8000, 16).Data(WavImage.Pcm16(-32768, 32767, 0, 16384)).ToArray();
        Assert.Equal([-1f, 32767f / 32768, 0f, 0.5f], WavReader.Decode(pcm16, "pcm16").Samples);

        byte[] pcm24 = WavImage.Riff().Fmt(1, 1, 8000, 24).Data([0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x40, 0xFF, 0xFF, 0xFF]).ToArray();
        Assert.Equal([-1f, 8388607f / 8388608, 0.5f, -1f / 8388608], WavReader.Decode(pcm24, "pcm24").Samples);

        byte[] pcm32 = WavImage.Riff().Fmt(1, 1, 8000, 32).Data([0, 0, 0, 0x80, 0, 0, 0, 0x40]).ToArray();
        Assert.Equal([-1f, 0.5f], WavReader.Decode(pcm32, "pcm32").Samples);
    }

    [Fact]
    public void Unknown_chunks_and_odd_size_padding_are_skipped()
    {
        byte[] image = WavImage.Riff()
            .Chunk("LIST", "INFOISFT\x05\0\0\0Lavf\0"u8.ToArray().Take(13).ToArray()) // 13 bytes: odd, padded
            .Fmt(1, 1, 16000, 16)
            .Chunk("fact", [4, 0, 0, 0])
            .Chunk("junk", [1, 2, 3])
            .Data(WavImage.Pcm16(1000, -1000, 2000, -2000))
            .Chunk("LIST", [9, 9, 9, 9, 9])
            .ToArray();
        WavAudio audio = WavReader.Decode(image, "chunks.wav");
        Assert.Equal([1000 / 32768f, -1000 / 32768f, 2000 / 32768f, -2000 / 32768f], audio.Samples);
    }

    [Fact]
    public void Header_after_a_large_list_chunk_is_found_by_ReadHeader()
    {
        using var folder = new TempFolder();
        string path = folder.File("biglist.wav");
        File.WriteAllBytes(path, WavImage.Riff().Chunk("LIST", new byte[200_000]).Fmt(1, 1, 16000, 16).Data(WavImage.Pcm16(1, 2, 3)).ToArray());
        WavHeader header = WavReader.ReadHeader(path);
        Assert.Equal(3, header.FrameCount);
        Assert.Equal(3, WavReader.Read(path).FrameCount);
    }

    [Fact]
    public void Extensible_pcm_and_float_decode_with_channel_mask()
    {
        short[] frames = [100, 200, 300, -100, -200, -300];
        byte[] pcm = WavImage.Riff().FmtExtensible(1, 3, 48000, 16, 0x7).Data(WavImage.Pcm16(frames)).ToArray();
        WavAudio audio = WavReader.Decode(pcm, "ext.wav");
        Assert.Equal((48000, 3, 7u, WavSampleFormat.Pcm), (audio.SampleRate, audio.ChannelCount, audio.ChannelMask, audio.Format));
        Assert.Equal([200 / 32768f, -200 / 32768f], audio.Channel(1));
        Assert.Equal([200 / 32768f, -200 / 32768f], audio.Mix());
        Assert.Equal(audio.Channel(2), audio.Mono(ChannelSelection.ChannelAt(2)));

        byte[] floats = WavImage.Riff().FmtExtensible(3, 1, 8000, 32, 0x4).Data(BitConverter.GetBytes(0.25f).Concat(BitConverter.GetBytes(-2f)).ToArray()).ToArray();
        Assert.Equal([0.25f, -2f], WavReader.Decode(floats, "extf.wav").Samples);
    }

    [Fact]
    public void Channel_out_of_range_names_the_file_and_the_channels()
    {
        WavAudio audio = WavReader.Decode(WavImage.Riff().Fmt(1, 2, 8000, 16).Data(WavImage.Pcm16(1, 2)).ToArray(), "two.wav");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => audio.Channel(2));
        Assert.Contains("two.wav", error.Message);
        Assert.Contains("2 channel(s)", error.Message);
    }

    [Fact]
    public void Streaming_data_size_of_all_ones_reads_what_the_file_holds()
    {
        byte[] image = WavImage.Riff().Fmt(1, 1, 8000, 16).Ascii("data").U32(uint.MaxValue).Bytes(WavImage.Pcm16(5, 6, 7)).ToArray();
        Assert.Equal(3, WavReader.Decode(image, "stream.wav").FrameCount);
    }

    [SharedDataFact]
    public void Mimii_raw_files_are_eight_channel_extensible_16_bit()
    {
        string path = RepoPaths.Shared("mimii-raw-sample", "fan_normal.wav");
        WavAudio audio = WavReader.Read(path);
        Assert.Equal((16000, 8, 16, WavSampleFormat.Pcm, 160000), (audio.SampleRate, audio.ChannelCount, audio.BitsPerSample, audio.Format, audio.FrameCount));
        WavHeader header = WavReader.ReadHeader(path);
        Assert.Equal(160000, header.FrameCount);
        float[] mix = audio.Mix();
        double expected = Enumerable.Range(0, 8).Average(c => (double)audio.Samples[1000 * 8 + c]);
        Assert.Equal(expected, mix[1000], 6);
        Assert.All(audio.Samples.Take(80000), v => Assert.InRange(v, -1f, 1f));
    }

    [SharedDataFact]
    public void Dcase_clip_is_mono_16_kHz_ten_seconds()
    {
        WavAudio audio = WavReader.Read(RepoPaths.Shared("dcase2020-task2-dev-sample", "slider", "train", "normal_id_00_00000000.wav"));
        Assert.Equal((16000, 1, 160000), (audio.SampleRate, audio.ChannelCount, audio.FrameCount));
        Assert.Equal(10.0, audio.DurationSeconds);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => WavReader.Read(folder.File("absent.wav")));
    }
}
