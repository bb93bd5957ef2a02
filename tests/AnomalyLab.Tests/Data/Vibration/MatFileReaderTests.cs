using System.Text.Json;
using AnomalyLab.Data.Vibration;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data.Vibration;

public class MatFileReaderTests
{
    [Theory]
    [InlineData("arrays.mat")]
    [InlineData("arrays_compressed.mat")]
    public void ReadAll_MatchesScipySavemat(string file)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("vibration", "arrays.json"))).RootElement;
        var arrays = MatFileReader.ReadAll(RepoPaths.Goldens("vibration", file));
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), arrays.Select(a => a.Name).Order());
        foreach (var property in expected.EnumerateObject())
        {
            var rows = property.Value.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            var m = arrays.Single(a => a.Name == property.Name).To2D();
            Assert.Equal(rows.Length, m.GetLength(0));
            for (int r = 0; r < rows.Length; r++) for (int c = 0; c < rows[r].Length; c++) Assert.Equal(rows[r][c], m[r, c]);
        }
        Assert.Equal("single", arrays.Single(a => a.Name == "b_single").ClassName);
        Assert.Equal("int16", arrays.Single(a => a.Name == "c_int16").ClassName);
    }

    [Fact]
    public void NotAMatFile_NamesFileAndExpectation()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "bad.mat");
        File.WriteAllBytes(path, new byte[200]);
        var e = Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(path));
        Assert.Contains("bad.mat", e.Message);
        Assert.Contains("'IM'", e.Message);
    }

    [Fact]
    public void TruncatedFile_Throws()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "cut.mat");
        var bytes = File.ReadAllBytes(RepoPaths.Goldens("vibration", "arrays.mat"));
        File.WriteAllBytes(path, bytes.AsSpan(0, 200).ToArray());
        Assert.Throws<MatFileFormatException>(() => MatFileReader.ReadAll(path));
    }

    [SharedDataFact]
    public void Cwru_NormalBaseline_MatchesScipyLoadmat()
    {
        var g = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("vibration", "cwru_head.json"))).RootElement;
        var recording = CwruBearingRecording.FromPath(RepoPaths.Shared("cwru-bearing-12k-drive-end-0hp", "normal_0_97.mat"));
        Assert.Equal(48_000, recording.SampleRate);
        Assert.Equal(g.GetProperty("name").GetString(), recording.DriveEndVariable);
        var signal = recording.ReadDriveEnd();
        Assert.Equal(g.GetProperty("length").GetInt32(), signal.Length);
        var head = g.GetProperty("head").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(head, signal.Take(head.Length).ToArray());
        var rpm = MatFileReader.Read(recording.Path, "X097RPM").Values.Single();
        Assert.Equal(g.GetProperty("rpm").GetInt32(), rpm);
    }

    [SharedDataFact]
    public void Cwru_Folder_ListsNormalAndNineFaults()
    {
        var all = CwruBearingRecording.InFolder(RepoPaths.Shared("cwru-bearing-12k-drive-end-0hp"));
        Assert.Equal(10, all.Count);
        Assert.Equal(CwruFault.Normal, all[0].Fault);
        Assert.All(all.Skip(1), r => Assert.Equal(12_000, r.SampleRate));
        Assert.Contains(all, r => r.Label == "OR014@6");
    }
}
