namespace AnomalyLab.Data;

/// <summary>Names of <see cref="Standardisation"/> as the CLI, notebooks and summary.json spell them.</summary>
public static class StandardisationNames
{
    /// <summary><c>none</c>, <c>global</c> or <c>per-mel</c>.</summary>
    public static string Name(this Standardisation standardisation) => standardisation switch
    {
        Standardisation.Global => "global",
        Standardisation.PerMel => "per-mel",
        _ => "none",
    };

    /// <summary>Parses <c>none</c>, <c>global</c> or <c>per-mel</c> (case-insensitive; <c>permel</c>, <c>per_mel</c> also accepted).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static Standardisation Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => Standardisation.None,
        "global" => Standardisation.Global,
        "per-mel" or "permel" or "per_mel" => Standardisation.PerMel,
        _ => throw new ArgumentException($"Unknown normalisation '{name}': expected none, global or per-mel."),
    };
}
