namespace AnomalyLab.Data;

/// <summary>
/// Normal training clips of one or more machine types as log-mels (the seed's <c>DCASE2020Task2LogMelDataset</c>):
/// one contiguous block per machine type, optional standardisation fitted on all of them, and composite machine ids
/// (<c>fan__id_00</c>) numbered 0..n−1 for id-classification models.
/// </summary>
public sealed class TrainSet : IDisposable
{
    private readonly (int Block, int Index)[] _items;
    private readonly int[] _idIndex;

    private TrainSet(IReadOnlyList<(string Type, FeatureBlock Block)> blocks, Standardiser statistics, IReadOnlyList<CacheOutcome> outcomes)
    {
        MachineTypes = blocks.Select(b => b.Type).ToList();
        Blocks = blocks.Select(b => b.Block).ToList();
        Statistics = statistics;
        CacheOutcomes = outcomes;
        CompositeIds = Blocks.SelectMany(b => b.Clips).Select(c => c.CompositeId).Distinct().Order(StringComparer.Ordinal).ToList();
        var idLookup = CompositeIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        _items = Blocks.SelectMany((b, bi) => Enumerable.Range(0, b.Count).Select(i => (bi, i))).ToArray();
        _idIndex = _items.Select(item => idLookup[Blocks[item.Block].Clips[item.Index].CompositeId]).ToArray();
    }

    /// <summary>Loads the normal train clips of <paramref name="machineTypes"/> (null = every type in the scan).</summary>
    /// <exception cref="DatasetLayoutException">A type has no normal train clips (message names the expected files).</exception>
    public static TrainSet Load(DatasetScan scan, IReadOnlyList<string>? machineTypes = null, TrainSetOptions? options = null, IProgress<StageProgress>? progress = null)
    {
        options ??= TrainSetOptions.Default;
        var types = machineTypes ?? scan.MachineTypes;
        var blocks = new List<(string, FeatureBlock)>();
        var outcomes = new List<CacheOutcome>();
        foreach (string type in types)
        {
            IReadOnlyList<ClipRecord> clips = scan.Select(type, DataSplit.Train, ClipLabel.Normal);
            if (options.MachineIds is not null || options.ClipsPerId is not null)
            {
                // Per id in path order, so a block stays grouped by id (the scan lists clips in path order).
                clips = clips.Where(c => options.MachineIds is null || options.MachineIds.Contains(c.MachineId))
                    .GroupBy(c => c.MachineId).SelectMany(g => g.Take(options.ClipsPerId ?? int.MaxValue)).ToList();
                if (clips.Count == 0)
                    throw new DatasetLayoutException(Path.Combine(scan.Root, type), $"no normal train clips of machine id(s) {string.Join(", ", options.MachineIds ?? [])} (clips per id: {options.ClipsPerId}).");
            }
            blocks.Add((type, FeatureCache.LoadOrExtract(scan.Root, type, DataSplit.Train, clips, options.Features, out CacheOutcome outcome, progress)));
            outcomes.Add(outcome);
        }
        var statistics = Standardiser.Fit(blocks.Select(b => b.Item2), options.Standardisation);
        foreach (var (_, block) in blocks) statistics.ApplyInplace(block, options.Features.Length.PadValue);
        return new TrainSet(blocks, statistics, outcomes);
    }

    /// <summary>Releases the file mappings of blocks loaded from a mapped cache (<see cref="FeatureExtractionOptions.MapCache"/>).</summary>
    public void Dispose()
    {
        foreach (FeatureBlock block in Blocks) block.Dispose();
    }

    /// <summary>Machine types, in block order.</summary>
    public IReadOnlyList<string> MachineTypes { get; }

    /// <summary>One block per machine type, <c>[clips, n_mels, frames]</c>.</summary>
    public IReadOnlyList<FeatureBlock> Blocks { get; }

    /// <summary>The block of one machine type.</summary>
    public FeatureBlock this[string machineType] => Blocks[IndexOfType(machineType)];

    /// <summary>Statistics fitted on this set (apply them to the matching test set).</summary>
    public Standardiser Statistics { get; }

    /// <summary>What the cache did per machine type.</summary>
    public IReadOnlyList<CacheOutcome> CacheOutcomes { get; }

    /// <summary>Distinct composite ids (<c>fan__id_00</c>), sorted; position = class index.</summary>
    public IReadOnlyList<string> CompositeIds { get; }

    /// <summary>Clips over all machine types.</summary>
    public int Count => _items.Length;

    /// <summary>Item <paramref name="index"/> (0..Count−1, types in order): its features <c>[n_mels · frames]</c>, clip and composite-id class.</summary>
    public (ReadOnlyMemory<float> Features, ClipRecord Clip, int IdClass) Get(int index)
    {
        if ((uint)index >= (uint)_items.Length) throw new ArgumentOutOfRangeException(nameof(index), $"item {index} asked for, the train set has {_items.Length}.");
        var (b, i) = _items[index];
        FeatureBlock block = Blocks[b];
        return (block.Values.Slice(i * block.ClipLength, block.ClipLength), block.Clips[i], _idIndex[index]);
    }

    private int IndexOfType(string machineType)
    {
        for (int i = 0; i < MachineTypes.Count; i++)
            if (MachineTypes[i] == machineType) return i;
        throw new KeyNotFoundException($"machine type '{machineType}' is not in this train set ({string.Join(", ", MachineTypes)}).");
    }
}
