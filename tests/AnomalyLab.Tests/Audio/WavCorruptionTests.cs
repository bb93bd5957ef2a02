using AnomalyLab.Audio;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Audio;

/// <summary>A corpus of malformed WAV files, generated here: each must fail with a WavFormatException naming the file and the problem.</summary>
public class WavCorruptionTests
{
    private static readonly byte[] FourSamples = WavImage.Pcm16(1, 2, 3, 4);

    private static readonly Dictionary<string, (Func<byte[]> Build, string Expected)> Corpus = new()
    {
        ["empty file"] = (() => [], "too short for a RIFF header"),
        ["five bytes"] = (() => "RIFF\0"u8.ToArray(), "too short for a RIFF header"),
        ["not riff"] = (() => WavImage.Riff("JUNK").Fmt(1, 1, 8000, 16).Data(FourSamples).ToArray(), "expected 'RIFF' at byte 0, found 'JUNK'"),
        ["rifx big endian"] = (() => WavImage.Riff("RIFX").Fmt(1, 1, 8000, 16).Data(FourSamples).ToArray(), "RIFX (big-endian)"),
        ["not wave"] = (() => WavImage.Riff(form: "AVI ").Fmt(1, 1, 8000, 16).Data(FourSamples).ToArray(), "RIFF form type is 'AVI ', expected 'WAVE'"),
        ["missing fmt"] = (() => WavImage.Riff().Chunk("LIST", [1, 2, 3, 4]).ToArray(), "no 'fmt ' chunk"),
        ["data before fmt"] = (() => WavImage.Riff().Data(FourSamples).Fmt(1, 1, 8000, 16).ToArray(), "'data' chunk comes before any 'fmt ' chunk"),
        ["missing data"] = (() => WavImage.Riff().Fmt(1, 1, 8000, 16).Chunk("LIST", [1, 2]).ToArray(), "no 'data' chunk"),
        ["truncated data"] = (() => WavImage.Riff().Fmt(1, 1, 8000, 16).Data(FourSamples, declaredSize: 1000).ToArray(), "truncated data chunk: header says 1000 bytes of samples, the file holds 8"),
        ["adpcm"] = (() => WavImage.Riff().Fmt(2, 1, 8000, 4, blockAlign: 256).Data(FourSamples).ToArray(), "unsupported codec Microsoft ADPCM (format tag 0x0002)"),
        ["ima adpcm"] = (() => WavImage.Riff().Fmt(0x11, 1, 8000, 4, blockAlign: 256).Data(FourSamples).ToArray(), "unsupported codec IMA ADPCM"),
        ["mp3 in wav"] = (() => WavImage.Riff().Fmt(0x55, 2, 44100, 0, blockAlign: 1).Data(FourSamples).ToArray(), "unsupported codec MP3 (format tag 0x0055)"),
        ["mp3 in extensible"] = (() => WavImage.Riff().FmtExtensible(0x55, 2, 44100, 16, 3).Data(FourSamples).ToArray(), "unsupported codec MP3 (WAVE_FORMAT_EXTENSIBLE sub-format 0x0055)"),
        ["adpcm in extensible"] = (() => WavImage.Riff().FmtExtensible(2, 1, 8000, 16, 4).Data(FourSamples).ToArray(), "unsupported codec Microsoft ADPCM (WAVE_FORMAT_EXTENSIBLE sub-format 0x0002)"),
        ["foreign extensible guid"] = (() => WavImage.Riff().FmtExtensible(1, 1, 8000, 16, 4, guidSuffix: new byte[14]).Data(FourSamples).ToArray(), "sub-format GUID"),
        ["extensible fmt too short"] = (() => WavImage.Riff().Chunk("fmt ", WavImage.FmtBody(0xFFFE, 1, 8000, 16, null).Concat(new byte[4]).ToArray()).Data(FourSamples).ToArray(), "expected 40"),
        ["valid bits above container"] = (() => WavImage.Riff().FmtExtensible(1, 1, 8000, 16, 4, validBits: 24).Data(FourSamples).ToArray(), "24 valid bits in a 16-bit container"),
        ["zero channels"] = (() => WavImage.Riff().Fmt(1, 0, 8000, 16, blockAlign: 2).Data(FourSamples).ToArray(), "declares zero channels"),
        ["sample rate 0"] = (() => WavImage.Riff().Fmt(1, 1, 0, 16).Data(FourSamples).ToArray(), "sample rate of 0 Hz"),
        ["absurd sample rate"] = (() => WavImage.Riff().Fmt(1, 1, 2_000_000_000, 16).Data(FourSamples).ToArray(), "implausible sample rate"),
        ["fmt shorter than 16"] = (() => WavImage.Riff().Chunk("fmt ", new byte[14]).Data(FourSamples).ToArray(), "'fmt ' chunk is 14 bytes, expected at least 16"),
        ["absurd fmt size"] = (() => WavImage.Riff().Chunk("fmt ", WavImage.FmtBody(1, 1, 8000, 16, null), declaredSize: 0x7FFFFFFF).Data(FourSamples).ToArray(), "'fmt ' chunk claims 2147483647 bytes"),
        ["absurd list size"] = (() => WavImage.Riff().Fmt(1, 1, 8000, 16).Chunk("LIST", new byte[1000], declaredSize: 0xFFFFFFF0).Data(FourSamples).ToArray(), "chunk 'LIST' claims 4294967280 bytes"),
        ["absurd data size"] = (() => WavImage.Riff().Fmt(1, 1, 8000, 16).Data(new byte[1000], declaredSize: 0xFFFFFFF0).ToArray(), "truncated data chunk: header says 4294967280 bytes"),
        ["empty data"] = (() => WavImage.Riff().Fmt(1, 1, 8000, 16).Data([]).ToArray(), "empty data chunk"),
        ["less than one frame"] = (() => WavImage.Riff().Fmt(1, 2, 8000, 16).Data([1, 2]).ToArray(), "less than one frame (4 bytes)"),
        ["12-bit pcm"] = (() => WavImage.Riff().Fmt(1, 1, 8000, 12, blockAlign: 2).Data(FourSamples).ToArray(), "12-bit PCM samples are not supported"),
        ["16-bit float"] = (() => WavImage.Riff().Fmt(3, 1, 8000, 16).Data(FourSamples).ToArray(), "16-bit float samples are not supported"),
        ["wrong block align"] = (() => WavImage.Riff().Fmt(1, 2, 8000, 16, blockAlign: 3).Data(FourSamples).ToArray(), "block align is 3 bytes, expected 4"),
    };

    public static TheoryData<string> Cases() => new(Corpus.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_file_fails_with_its_name_and_the_problem(string name)
    {
        (Func<byte[]> build, string expected) = Corpus[name];
        using var folder = new TempFolder();
        string path = folder.File(name.Replace(' ', '_') + ".wav");
        File.WriteAllBytes(path, build());

        var error = Assert.Throws<WavFormatException>(() => WavReader.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);

        var headerError = Assert.Throws<WavFormatException>(() => WavReader.ReadHeader(path));
        Assert.Contains(expected, headerError.Message);
        Assert.Throws<WavFormatException>(() => AudioLoader.LoadMono(path, ChannelSelection.First, 8000));
    }

    [Theory]
    [InlineData("absurd data size")]
    [InlineData("absurd list size")]
    [InlineData("absurd fmt size")]
    public void Absurd_sizes_in_a_small_file_allocate_nothing_large(string name)
    {
        using var folder = new TempFolder();
        string path = folder.File("absurd.wav");
        byte[] image = Corpus[name].Build();
        File.WriteAllBytes(path, image);
        Assert.True(image.Length < 2000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<WavFormatException>(() => WavReader.Read(path));
        Assert.Throws<WavFormatException>(() => WavReader.ReadHeader(path));
        Assert.Throws<WavFormatException>(() => AudioLoader.LoadMono(path, ChannelSelection.First, 8000));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1 << 20, $"{name}: reading a {image.Length}-byte file allocated {allocated} bytes");
    }
}
