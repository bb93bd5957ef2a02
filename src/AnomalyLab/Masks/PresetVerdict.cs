using System.Globalization;

namespace AnomalyLab.Masks;

/// <summary>
/// Which preset agrees best with the real anomalies of <see cref="Scope"/> (a machine id, or the mean over ids), by how much it
/// leads the runner-up, and the bootstrap interval of that margin over clips. <see cref="Wins"/> only when the interval excludes 0.
/// </summary>
/// <param name="Scope">Machine id, or e.g. <c>mean over id_04, id_06</c>.</param>
/// <param name="Best">Preset with the highest score on all clips.</param>
/// <param name="BestScore">Its score.</param>
/// <param name="RunnerUp">Second-best preset.</param>
/// <param name="RunnerUpScore">Its score.</param>
/// <param name="Low">Lower end of the margin's interval (NaN without bootstrap).</param>
/// <param name="High">Upper end (NaN without bootstrap).</param>
/// <param name="Replicates">Bootstrap replicates the interval rests on (0 = none).</param>
/// <param name="Confidence">Coverage of the interval, e.g. 0.95.</param>
public sealed record PresetVerdict(string Scope, string Best, double BestScore, string RunnerUp, double RunnerUpScore, double Low, double High, int Replicates, double Confidence)
{
    /// <summary>Best score − runner-up score (≥ 0).</summary>
    public double Margin => BestScore - RunnerUpScore;

    /// <summary>True only when the bootstrap interval of the margin lies above 0.</summary>
    public bool Wins => Replicates > 0 && Margin > 0 && Low > 0;

    /// <summary>"wins", "tie (interval includes 0)" or "no interval".</summary>
    public string Outcome => Replicates == 0 ? "no interval (no win claimed)" : Wins ? "wins" : "tie (interval includes 0)";

    /// <summary>One sentence, computed from the numbers.</summary>
    public string Statement => Replicates == 0
        ? $"{Scope}: {Best} scores highest ({F(BestScore)}, {RunnerUp} {F(RunnerUpScore)}, margin {F(Margin)}); without a bootstrap interval (none asked for, or too few clips) no win is claimed."
        : Wins
            ? $"{Scope}: {Best} wins ({F(BestScore)} vs {RunnerUp} {F(RunnerUpScore)}, margin {F(Margin)}, {Percent} interval {F(Low)} to {F(High)} over {Replicates} clip resamples)."
            : $"{Scope}: no clear winner — {Best} leads {RunnerUp} by {F(Margin)} ({F(BestScore)} vs {F(RunnerUpScore)}), but the {Percent} interval {F(Low)} to {F(High)} includes 0.";

    private string Percent => (Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
