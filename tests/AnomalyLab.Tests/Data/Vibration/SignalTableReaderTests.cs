using AnomalyLab.Data.Vibration;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data.Vibration;

public class SignalTableReaderTests
{
    [Fact]
    public void ReadAll_ParsesCommaAndSpaceSeparatedRows()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "t.csv");
        File.WriteAllText(path, "1,2.5,-3e-2\n\n4 , 5,6\n");
        var m = SignalTableReader.ReadAll(path);
        Assert.Equal(2, m.GetLength(0));
        Assert.Equal(-0.03, m[0, 2]);
        File.WriteAllText(path, "1  2\t3\n4 5 6\n");
        Assert.Equal(6, SignalTableReader.ReadAll(path)[1, 2]);
    }

    [Fact]
    public void RaggedRow_NamesLineAndColumn()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "ragged.txt");
        File.WriteAllText(path, "1 2 3\n4 5\n");
        var e = Assert.Throws<SignalTableFormatException>(() => SignalTableReader.ReadAll(path));
        Assert.Equal(2, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("expected 3 values, found 2", e.Message);
    }

    [Fact]
    public void NonNumericCell_NamesLineAndColumn()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "text.csv");
        File.WriteAllText(path, "1,2,3\n4,abc,6\n");
        var e = Assert.Throws<SignalTableFormatException>(() => SignalTableReader.ReadRows(path).ToList());
        Assert.Equal((2L, 2), (e.Line, e.Column));
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void SyntheticAirbusFile_RoundTripsAndIsDeterministic()
    {
        using var folder = new TempFolder();
        var options = SyntheticAccelerometerOptions.Airbus;
        string a = Path.Combine(folder.Path, "a.txt"), b = Path.Combine(folder.Path, "b.txt");
        var labels = SyntheticAccelerometerSignals.WriteFile(a, 2, 1, options);
        SyntheticAccelerometerSignals.WriteFile(b, 2, 1, options);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        var rows = SignalTableReader.ReadRows(a, expectedLength: 61_440).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal([false, false, true], labels);
        Assert.Equal(SyntheticAccelerometerSignals.Generate(options, 2, true), rows[2]);
    }
}
