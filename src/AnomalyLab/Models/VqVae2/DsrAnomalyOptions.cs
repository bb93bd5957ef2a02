namespace AnomalyLab.Models.VqVae2;

/// <summary>Which latent grid(s) DSR's anomaly generation perturbs.</summary>
public enum DsrLatentLevel
{
    /// <summary>Only the top (/8, coarse) codes.</summary>
    Top,

    /// <summary>Only the bottom (/4, fine) codes.</summary>
    Bottom,

    /// <summary>Both grids.</summary>
    Both,

    /// <summary>Per sample as DSR trains: both with probability ½, otherwise top or bottom with equal odds.</summary>
    Random,
}

/// <summary>
/// Settings of DSR's latent-space anomaly generation (Zavrtanik et al. 2022, §3.2): inside the mask, each code is
/// replaced by a codeword drawn uniformly among its k nearest codewords with the nearest <see cref="SkipNearestFraction"/>
/// removed, k = strength × codebook size and strength ~ U[<see cref="StrengthMin"/>, <see cref="StrengthMax"/>] per sample.
/// </summary>
public sealed record DsrAnomalyOptions
{
    /// <summary>Lower bound of the per-sample strength (fraction of the codebook). Default 0.2 (DSR).</summary>
    public double StrengthMin { get; init; } = 0.2;

    /// <summary>Upper bound of the per-sample strength. Default 1.0 (DSR).</summary>
    public double StrengthMax { get; init; } = 1.0;

    /// <summary>Fraction of the codebook nearest to the original code that is never used. Default 0.05 (DSR).</summary>
    public double SkipNearestFraction { get; init; } = 0.05;

    /// <summary>Grid(s) to perturb. Default <see cref="DsrLatentLevel.Random"/> (DSR's training mix).</summary>
    public DsrLatentLevel Level { get; init; } = DsrLatentLevel.Random;

    /// <summary>DSR's published settings.</summary>
    public static DsrAnomalyOptions Default { get; } = new();

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public DsrAnomalyOptions Validate()
    {
        var problems = new List<string>();
        if (StrengthMin is <= 0 or > 1) problems.Add($"StrengthMin must be in (0, 1] (got {StrengthMin})");
        if (StrengthMax is <= 0 or > 1 || StrengthMax < StrengthMin) problems.Add($"StrengthMax must be in [StrengthMin, 1] (got {StrengthMax})");
        if (SkipNearestFraction is < 0 or >= 1) problems.Add($"SkipNearestFraction must be in [0, 1) (got {SkipNearestFraction})");
        if (problems.Count > 0) throw new ArgumentException("Invalid DSR anomaly options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
