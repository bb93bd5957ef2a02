using System.Text.Json;
using AnomalyLab.Metrics;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Metrics;

public sealed class RocAucTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in LoadCases()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static IEnumerable<JsonElement> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("metrics", "roc_cases.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement Case(string name) => LoadCases().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement c, string property) => c.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static bool[] Labels(JsonElement c) => c.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32() == 1).ToArray();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Auc_and_partial_auc_match_scikit_learn(string name)
    {
        JsonElement c = Case(name);
        bool[] labels = Labels(c);
        double[] scores = Doubles(c, "scores");
        Assert.InRange(RocAuc.Auc(labels, scores) - c.GetProperty("auc").GetDouble(), -Tolerance, Tolerance);
        Assert.InRange(RocAuc.PartialAuc(labels, scores) - c.GetProperty("pauc").GetDouble(), -Tolerance, Tolerance);
        Assert.InRange(RocAuc.PartialAuc(labels, scores, 0.3) - c.GetProperty("pauc_03").GetDouble(), -Tolerance, Tolerance);
        Assert.InRange(RocAuc.PartialAuc(labels, scores, 1.0) - c.GetProperty("auc").GetDouble(), -Tolerance, Tolerance);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Roc_curve_matches_scikit_learn_with_and_without_dropping_intermediate_points(string name)
    {
        JsonElement c = Case(name);
        bool[] labels = Labels(c);
        double[] scores = Doubles(c, "scores");
        AssertCurve(RocCurve.Compute(labels, scores), Doubles(c, "fpr"), Doubles(c, "tpr"), Doubles(c, "thresholds"));
        AssertCurve(RocCurve.Compute(labels, scores, dropIntermediate: false), Doubles(c, "fpr_all"), Doubles(c, "tpr_all"), Doubles(c, "thresholds_all"));
    }

    private static void AssertCurve(RocCurve roc, double[] fpr, double[] tpr, double[] thresholds)
    {
        Assert.Equal(fpr.Length, roc.FalsePositiveRates.Length);
        for (int i = 0; i < fpr.Length; i++)
        {
            Assert.InRange(roc.FalsePositiveRates[i] - fpr[i], -Tolerance, Tolerance);
            Assert.InRange(roc.TruePositiveRates[i] - tpr[i], -Tolerance, Tolerance);
            Assert.Equal(thresholds[i], roc.Thresholds[i]);
        }
    }

    [Fact]
    public void A_perfect_scorer_gets_one_and_an_inverted_scorer_zero()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, RocAuc.Auc(labels, [0, 1, 2, 3]));
        Assert.Equal(1.0, RocAuc.PartialAuc(labels, [0, 1, 2, 3]));
        Assert.Equal(0.0, RocAuc.Auc(labels, [3, 2, 1, 0]));
    }

    [Fact]
    public void One_class_only_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => RocAuc.Auc([false, false], [0.1, 0.2]));
        Assert.Contains("only one class", error.Message);
    }

    [Fact]
    public void Mismatched_lengths_and_nan_scores_are_refused()
    {
        Assert.Contains("differ in length", Assert.Throws<ArgumentException>(() => RocAuc.Auc([false, true], [0.1])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => RocAuc.Auc([false, true], [0.1, double.NaN])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RocAuc.PartialAuc([false, true], [0.1, 0.2], 0));
    }
}
