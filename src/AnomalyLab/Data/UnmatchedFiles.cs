namespace AnomalyLab.Data;

/// <summary>Files under a dataset root that follow no known naming convention: reported, never mixed into the clips.</summary>
/// <param name="Count">How many files did not match.</param>
/// <param name="Examples">The first few (sorted) full paths, at most <see cref="MaxExamples"/>.</param>
public sealed record UnmatchedFiles(int Count, IReadOnlyList<string> Examples)
{
    /// <summary>How many example paths are kept.</summary>
    public const int MaxExamples = 5;

    /// <summary>No unmatched files.</summary>
    public static UnmatchedFiles None { get; } = new(0, []);

    /// <summary>Builds the report from all unmatched paths.</summary>
    public static UnmatchedFiles From(IEnumerable<string> paths)
    {
        var sorted = paths.OrderBy(p => p, StringComparer.Ordinal).ToList();
        return new UnmatchedFiles(sorted.Count, sorted.Take(MaxExamples).ToList());
    }

    /// <summary>One line for logs: count and first examples.</summary>
    public override string ToString() => Count == 0
        ? "no unmatched files"
        : $"{Count} file(s) match no naming convention and were left out, e.g. {string.Join(", ", Examples)}";
}
