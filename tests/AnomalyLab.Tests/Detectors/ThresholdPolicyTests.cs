using AnomalyLab.Detectors;

namespace AnomalyLab.Tests.Detectors;

public class ThresholdPolicyTests
{
    [Theory]
    [InlineData("mean-std", ThresholdPolicyKind.MeanStd, 2.0)]
    [InlineData("mean-std:3.5", ThresholdPolicyKind.MeanStd, 3.5)]
    [InlineData("quantile:0.99", ThresholdPolicyKind.Quantile, 0.99)]
    [InlineData("far:0.01", ThresholdPolicyKind.FalseAlarmRate, 0.01)]
    public void Parses_cli_forms_and_prints_them_back(string text, ThresholdPolicyKind kind, double parameter)
    {
        ThresholdPolicy policy = ThresholdPolicy.Parse(text);
        Assert.Equal(kind, policy.Kind);
        Assert.Equal(parameter, policy.Parameter);
        Assert.Equal(policy, ThresholdPolicy.Parse(policy.ToString()));
    }

    [Theory]
    [InlineData("median")]
    [InlineData("quantile")]
    [InlineData("quantile:1.5")]
    [InlineData("far:1")]
    [InlineData("mean-std:-1")]
    [InlineData("far:x")]
    public void Rejects_unknown_or_out_of_range_policies(string text) =>
        Assert.Throws<ArgumentException>(() => ThresholdPolicy.Parse(text));

    [Fact]
    public void Mean_std_is_mean_plus_k_population_sigma()
    {
        double[] scores = [1, 2, 3, 4];
        ScoreThreshold threshold = ThresholdPolicy.Parse("mean-std:2").Apply(scores);
        Assert.Equal(2.5 + 2 * Math.Sqrt(1.25), threshold.Value, 12);
    }

    [Theory]
    [InlineData(0.0, 100)]
    [InlineData(0.01, 99)]
    [InlineData(0.05, 95)]
    [InlineData(0.1, 90)]
    [InlineData(0.123, 88)]
    public void False_alarm_rate_flags_at_most_the_rate_of_held_out_normals(double rate, double expected)
    {
        double[] heldOut = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();
        ScoreThreshold threshold = ScoreThreshold.FalseAlarmRate(heldOut, rate);
        Assert.Equal(expected, threshold.Value);
        int flagged = heldOut.Count(s => s > threshold.Value);
        Assert.True(flagged <= rate * heldOut.Length, $"{flagged} flagged");
    }
}
