namespace AnomalyLab.Data;

/// <summary>The data a notebook runs on (<see cref="SampleData.Resolve"/>).</summary>
/// <param name="Folder">Full path of the dataset root; null for the synthetic default.</param>
/// <param name="Machine">The machine type to study.</param>
public sealed record SampleDataChoice(string? Folder, string Machine)
{
    /// <summary>True when no folder was given: the synthetic default dataset.</summary>
    public bool IsSynthetic => Folder is null;

    /// <summary><see cref="Folder"/>, or the synthetic default dataset's root (generated on first use, then cached).</summary>
    public string Root() => Folder ?? SyntheticDataset.EnsureDefault();
}
