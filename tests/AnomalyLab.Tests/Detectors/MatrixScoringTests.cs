using AnomalyLab.Data;
using AnomalyLab.Detectors;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Detectors;

public sealed class MatrixScoringTests
{
    private static double[,] Rows(int count, int features, int seed)
    {
        var random = new Random(seed);
        var x = new double[count, features];
        for (int i = 0; i < count; i++) for (int j = 0; j < features; j++) x[i, j] = random.NextDouble();
        return x;
    }

    [Fact]
    public void Fit_and_score_gives_the_detector_scores_and_reports_one_stage_in_three_steps()
    {
        double[,] train = Rows(30, 3, 1), test = Rows(5, 3, 2);
        var reports = new List<StageProgress>();
        double[] scores = MatrixScoring.FitAndScore(DetectorCatalog.Create("knn"), "knn", train, test,
            StageProgress.Reporter(reports.Add));
        var direct = DetectorCatalog.Create("knn");
        direct.Fit(train);
        Assert.Equal(direct.Score(test), scores);
        Assert.Equal([0L, 1L, 2L], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal("knn: fitting on 30 × 3, scoring 5 rows", r.Stage));
    }

    [Fact]
    public void Read_pair_refuses_matrices_with_different_feature_counts()
    {
        using var temp = new TempFolder();
        NpyFile.Write(temp.File("train.npy"), new float[4, 3]);
        NpyFile.Write(temp.File("test.npy"), new float[2, 2]);
        var e = Assert.Throws<ArgumentException>(() => DetectorInputFile.ReadPair(temp.File("train.npy"), temp.File("test.npy")));
        Assert.Contains("2 features per row", e.Message);
    }

    [Theory]
    [InlineData("mfcc", true, "dcase2020-baseline")]
    [InlineData(" MFCC ", true, "dcase2020-baseline")]
    [InlineData("torchaudio", false, "torchaudio")]
    [InlineData("dcase2020-baseline", false, "dcase2020-baseline")]
    public void Feature_names_choose_mfcc_or_a_log_mel_preset(string name, bool mfcc, string logMel)
    {
        MachineClipScoringOptions options = MachineClipScoringOptions.FromFeatureName(name);
        Assert.Equal(mfcc, options.Mfcc is not null);
        Assert.Equal(LogMelOptions.FromPresetName(logMel), options.Features);
        Assert.Throws<ArgumentException>(() => MachineClipScoringOptions.FromFeatureName("nope"));
    }
}
