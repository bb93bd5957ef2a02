using AnomalyLab.Data.Vibration;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Studies.Functional;
using Plotly.NET;

namespace AnomalyLab.Tests.Studies.Functional;

public class FunctionalDetectionStudyTests
{
    [SharedDataFact]
    public void Cwru_SpectralFeatures_SeparateFaults()
    {
        var options = new FunctionalStudyOptions(WindowsPerRecording: 12, Detectors: ["gaussian", "knn"]);
        var groups = FunctionalDetectionStudy.CwruGroups(RepoPaths.Shared("cwru-bearing-12k-drive-end-0hp"), options);
        Assert.Equal(10, groups.Count);
        Assert.Equal("normal", groups[0].Label);
        Assert.Equal(24, groups[0].Features.GetLength(0));
        Assert.Equal(129, groups[0].Features.GetLength(1));
        var result = FunctionalDetectionStudy.Run(groups, options);
        Assert.Equal(["gaussian", "knn"], result.DetectorNames);
        foreach (var d in result.DetectorNames)
            foreach (var f in result.FaultLabels) Assert.True(result.Auc[d][f] > 0.9, $"{d} {f}: AUC {result.Auc[d][f]}");
        Assert.Equal(3, GenericChart.countTrace(result.PooledRocChart("roc")));
        Assert.Equal(2, result.AucTable().Rows.Count);
    }

    [Fact]
    public void SignalTableGroups_SplitsByLabel()
    {
        using var folder = new TempFolder();
        string path = folder.File("rows.txt");
        var options = new SyntheticAccelerometerOptions(Length: 4096);
        var labels = SyntheticAccelerometerSignals.WriteFile(path, 25, 6, options);
        var groups = FunctionalDetectionStudy.SignalTableGroups(path, labels, options.SampleRate);
        Assert.Equal(25, groups[0].Features.GetLength(0));
        Assert.Equal(6, groups[1].Features.GetLength(0));
        var result = FunctionalDetectionStudy.Run(groups, new FunctionalStudyOptions(Detectors: ["gaussian"]));
        Assert.True(result.Auc["gaussian"]["anomalous"] > 0.8, $"AUC {result.Auc["gaussian"]["anomalous"]}");
        Assert.Throws<ArgumentException>(() => FunctionalDetectionStudy.SignalTableGroups(path, labels.Take(5).ToList(), options.SampleRate));
    }
}
