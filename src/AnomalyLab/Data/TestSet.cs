namespace AnomalyLab.Data;

/// <summary>
/// Test clips of one or more machine types (the seed's <c>DCASE2020Task2TestDataset</c>), ordered by (machine id, label,
/// path) so every (id, label) group is a contiguous slice of its type's block: <see cref="StackedByIdLabel"/> hands out
/// views, not copies. Standardised with the train set's statistics.
/// </summary>
public sealed class TestSet : IDisposable
{
    private TestSet(IReadOnlyList<string> types, IReadOnlyList<FeatureBlock> blocks, IReadOnlyList<CacheOutcome> outcomes, Standardiser statistics)
    {
        MachineTypes = types;
        Blocks = blocks;
        CacheOutcomes = outcomes;
        Statistics = statistics;
    }

    /// <summary>
    /// Loads the test clips of <paramref name="machineTypes"/> (null = all), standardised with <paramref name="statistics"/>
    /// (normally <see cref="TrainSet.Statistics"/>; null = none). <paramref name="select"/> keeps only the clips it accepts
    /// (e.g. some machine ids, or labelled clips only); null = every test clip.
    /// </summary>
    public static TestSet Load(DatasetScan scan, IReadOnlyList<string>? machineTypes = null, FeatureExtractionOptions? options = null,
        Standardiser? statistics = null, IProgress<StageProgress>? progress = null, Func<ClipRecord, bool>? select = null)
    {
        options ??= FeatureExtractionOptions.Default;
        statistics ??= Standardiser.None;
        var types = (machineTypes ?? scan.MachineTypes).ToList();
        var blocks = new List<FeatureBlock>();
        var outcomes = new List<CacheOutcome>();
        foreach (string type in types)
        {
            var clips = scan.Select(type, DataSplit.Test).Where(c => select is null || select(c))
                .OrderBy(c => c.MachineId, StringComparer.Ordinal).ThenBy(c => c.Label).ThenBy(c => c.Path, StringComparer.Ordinal).ToList();
            FeatureBlock block = FeatureCache.LoadOrExtract(scan.Root, type, DataSplit.Test, clips, options, out CacheOutcome outcome, progress);
            statistics.ApplyInplace(block, options.Length.PadValue);
            blocks.Add(block);
            outcomes.Add(outcome);
        }
        return new TestSet(types, blocks, outcomes, statistics);
    }

    /// <summary>Releases the file mappings of blocks loaded from a mapped cache (<see cref="FeatureExtractionOptions.MapCache"/>).</summary>
    public void Dispose()
    {
        foreach (FeatureBlock block in Blocks) block.Dispose();
    }

    /// <summary>Machine types, in block order.</summary>
    public IReadOnlyList<string> MachineTypes { get; }

    /// <summary>One block per machine type, clips ordered by (id, label, path).</summary>
    public IReadOnlyList<FeatureBlock> Blocks { get; }

    /// <summary>What the cache did per machine type.</summary>
    public IReadOnlyList<CacheOutcome> CacheOutcomes { get; }

    /// <summary>The statistics applied.</summary>
    public Standardiser Statistics { get; }

    /// <summary>Every (machine type, id, label) group with its stacked features, in (type, id, label) order — views, no copies.</summary>
    public IReadOnlyList<TestGroup> StackedByIdLabel()
    {
        var groups = new List<TestGroup>();
        for (int b = 0; b < Blocks.Count; b++)
        {
            FeatureBlock block = Blocks[b];
            int start = 0;
            while (start < block.Count)
            {
                ClipRecord first = block.Clips[start];
                int end = start + 1;
                while (end < block.Count && block.Clips[end].MachineId == first.MachineId && block.Clips[end].Label == first.Label) end++;
                groups.Add(new TestGroup(MachineTypes[b], first.MachineId, first.Label, block.Slice(start, end - start)));
                start = end;
            }
        }
        return groups;
    }
}
