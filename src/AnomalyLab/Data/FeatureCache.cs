using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AnomalyLab.IO;

namespace AnomalyLab.Data;

/// <summary>
/// On-disk cache of extracted features: one <c>.npy</c> array <c>[clips, n_mels, frames]</c> float32 plus a JSON index
/// per (dataset root, machine type, split, feature options), under
/// <c>&lt;cache&gt;/&lt;root name&gt;-&lt;hash&gt;/&lt;type&gt;_&lt;split&gt;_&lt;options hash&gt;.{npy,json}</c> (the options hash is 8 hex
/// digits over the log-mel settings, the crop rule and the channel), so callers with different options (the study's whole
/// clips, training's crop, the masks' full length) keep separate entries instead of rebuilding each other's.
/// The index holds a key over the feature options, the crop rule, the channel and every file's path, size and mtime,
/// plus the array's data offset, length and SHA-256; any difference (other clips, changed files) or damage rebuilds the
/// entry (never trusted).
/// Both files are written atomically; the array loads straight into one float32 block (no second copy).
/// </summary>
public static class FeatureCache
{
    /// <summary>Bumped when the cache format or the extraction changes.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// The features of <paramref name="clips"/> (all of one machine type and split of <paramref name="datasetRoot"/>), from the
    /// cache when valid, else extracted and stored.
    /// </summary>
    public static FeatureBlock LoadOrExtract(string datasetRoot, string machineType, DataSplit split, IReadOnlyList<ClipRecord> clips,
        FeatureExtractionOptions options, out CacheOutcome outcome, IProgress<StageProgress>? progress = null)
    {
        string stage = $"{machineType}/{split.ToString().ToLowerInvariant()}";
        if (!options.UseCache)
        {
            outcome = new CacheOutcome(machineType, split, CacheStatus.Disabled, null, null);
            return ClipFeatureExtractor.Extract(clips, options, progress, stage);
        }
        (string arrayPath, string indexPath) = Paths(datasetRoot, machineType, split, options);
        string root = Path.GetFullPath(datasetRoot);
        var files = clips.Select(c => FileStamp.Of(root, c.Path)).ToList();
        string key = Key(options, files);
        string? reason = null;
        if (File.Exists(indexPath) || File.Exists(arrayPath))
        {
            reason = Validate(indexPath, arrayPath, key, options, files, out CacheIndex? index);
            if (reason == null)
            {
                FeatureBlock? loaded = TryRead(arrayPath, index!, clips, options.MapCache, out reason);
                if (loaded != null)
                {
                    outcome = new CacheOutcome(machineType, split, CacheStatus.Loaded, null, arrayPath);
                    progress?.Report(new StageProgress(stage + " (cached)", clips.Count, clips.Count));
                    return loaded;
                }
            }
        }
        FeatureBlock block = ClipFeatureExtractor.Extract(clips, options, progress, stage);
        // A run killed while writing leaves a large temporary beside the array: remove those of dead processes before adding ours.
        AtomicFile.RemoveStaleTemporaries(Path.GetDirectoryName(arrayPath)!, Path.GetFileName(arrayPath));
        AtomicFile.RemoveStaleTemporaries(Path.GetDirectoryName(indexPath)!, Path.GetFileName(indexPath));
        Write(arrayPath, indexPath, key, options, files, block, machineType, split, root);
        outcome = new CacheOutcome(machineType, split, reason == null ? CacheStatus.Built : CacheStatus.Rebuilt, reason, arrayPath);
        return block;
    }

    /// <summary>
    /// Fills the cache for whole machine types of <paramref name="scan"/>: per type its train split's normal clips and its
    /// whole test split (every label), each through <see cref="LoadOrExtract"/> (loaded when valid, else extracted on all
    /// cores and stored). A split without clips of a type is skipped; so is a type the scan does not hold.
    /// </summary>
    /// <param name="scan">The scanned dataset; its <see cref="DatasetScan.Root"/> names the cache folder.</param>
    /// <param name="machineTypes">Types to fill, in this order; null = every type of the scan.</param>
    /// <param name="options">Feature and cache options (which entry is filled, where it lives).</param>
    /// <param name="progress">Per-split extraction progress (stage <c>type/split</c>), reported on the working threads.</param>
    /// <returns>One outcome per (type, split) filled, in order: train then test of each type.</returns>
    public static IReadOnlyList<CacheOutcome> Fill(DatasetScan scan, IReadOnlyList<string>? machineTypes, FeatureExtractionOptions options,
        IProgress<StageProgress>? progress = null)
    {
        var all = new List<CacheOutcome>();
        foreach (string type in machineTypes ?? scan.MachineTypes)
        {
            foreach (DataSplit split in new[] { DataSplit.Train, DataSplit.Test })
            {
                if (!scan.Clips.Any(c => c.MachineType == type && c.Split == split)) continue;
                var clips = split == DataSplit.Train ? scan.Select(type, split, ClipLabel.Normal) : scan.Select(type, split);
                LoadOrExtract(scan.Root, type, split, clips, options, out CacheOutcome outcome, progress);
                all.Add(outcome);
            }
        }
        return all;
    }

    /// <summary>
    /// The cache files of one (root, type, split, feature options): <c>.npy</c> array and JSON index, e.g.
    /// <c>&lt;cache&gt;/data-&lt;16 hex&gt;/fan_train_&lt;8 hex&gt;.npy</c>. Options that change the extracted values or their
    /// layout (log-mel settings, frame length rule, channel) give another file; cache placement options do not.
    /// </summary>
    public static (string ArrayPath, string IndexPath) Paths(string datasetRoot, string machineType, DataSplit split, FeatureExtractionOptions options)
    {
        string root = Path.GetFullPath(datasetRoot).TrimEnd(Path.DirectorySeparatorChar);
        string folder = Path.Combine(options.EffectiveCacheFolder, $"{Path.GetFileName(root)}-{StableHash.Of(root):x16}");
        string stem = $"{machineType}_{split.ToString().ToLowerInvariant()}_{OptionsHash(options)}";
        return (Path.Combine(folder, stem + ".npy"), Path.Combine(folder, stem + ".json"));
    }

    /// <summary>8 hex digits over <see cref="OptionsJson"/>: the 64-bit stable hash folded to 32 bits.</summary>
    private static string OptionsHash(FeatureExtractionOptions options)
    {
        ulong hash = StableHash.Of(OptionsJson(options));
        return $"{(uint)(hash ^ (hash >> 32)):x8}";
    }

    /// <summary>Size and modification time of one clip file, path relative to the dataset root.</summary>
    internal sealed record FileStamp(string Path, long Size, long ModifiedTicks)
    {
        public static FileStamp Of(string root, string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new FileNotFoundException($"{path}: clip listed by the dataset scan no longer exists.", path);
            return new FileStamp(System.IO.Path.GetRelativePath(root, path).Replace('\\', '/'), info.Length, info.LastWriteTimeUtc.Ticks);
        }
    }

    internal sealed record CacheIndex(
        int FormatVersion, string Key, string MachineType, string Split, string DatasetRoot, string Options,
        int[] Shape, long DataOffset, long DataBytes, string Sha256, List<FileStamp> Files, int[] RealFrames);

    private static string OptionsJson(FeatureExtractionOptions options) => JsonSerializer.Serialize(new
    {
        options.LogMel,
        options.Length.Frames,
        Anchor = options.Length.Anchor.ToString(),
        options.Length.StorageFrames,
        Channel = options.Channel.ToString(),
    });

    private static string Key(FeatureExtractionOptions options, List<FileStamp> files)
    {
        var text = new StringBuilder();
        text.Append(FormatVersion).Append('\n').Append(OptionsJson(options)).Append('\n');
        foreach (FileStamp f in files) text.Append(f.Path).Append('\t').Append(f.Size).Append('\t').Append(f.ModifiedTicks).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Null when the index matches; otherwise why the entry must be rebuilt.</summary>
    private static string? Validate(string indexPath, string arrayPath, string key, FeatureExtractionOptions options, List<FileStamp> files, out CacheIndex? index)
    {
        index = null;
        if (!File.Exists(indexPath)) return $"index {indexPath} is missing";
        if (!File.Exists(arrayPath)) return $"array {arrayPath} is missing";
        try
        {
            index = JsonSerializer.Deserialize<CacheIndex>(File.ReadAllText(indexPath), Json);
        }
        catch (JsonException e)
        {
            return $"index {indexPath} is unreadable ({e.Message})";
        }
        if (index == null || index.Files == null || index.Shape == null || index.RealFrames == null) return $"index {indexPath} is incomplete";
        if (index.FormatVersion != FormatVersion) return $"cache format {index.FormatVersion} is not the current {FormatVersion}";
        if (index.Key == key) return null;
        // Each options set has its own file, so this only fires when two options sets share the 32-bit file hash.
        if (index.Options != OptionsJson(options)) return "feature options changed";
        if (index.Files.Count != files.Count) return $"clip count changed from {index.Files.Count} to {files.Count}";
        for (int i = 0; i < files.Count; i++)
        {
            if (index.Files[i].Path != files[i].Path) return $"clip list changed ({index.Files[i].Path} → {files[i].Path})";
            if (index.Files[i] != files[i]) return $"{files[i].Path} changed (size or modification time)";
        }
        return "key mismatch";
    }

    private static FeatureBlock? TryRead(string arrayPath, CacheIndex index, IReadOnlyList<ClipRecord> clips, bool map, out string? reason)
    {
        reason = null;
        if (index.Shape.Length != 3 || index.Shape[0] != clips.Count || index.RealFrames.Length != clips.Count)
        {
            reason = $"index shape ({string.Join(", ", index.Shape)}) does not fit {clips.Count} clips";
            return null;
        }
        long floats = (long)index.Shape[0] * index.Shape[1] * index.Shape[2];
        if (floats * sizeof(float) != index.DataBytes) { reason = "index data length disagrees with its shape"; return null; }
        long length = new FileInfo(arrayPath).Length;
        if (length != index.DataOffset + index.DataBytes)
        {
            reason = $"array {arrayPath} is {length} bytes, the index expects {index.DataOffset + index.DataBytes} (truncated or overwritten)";
            return null;
        }
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the feature cache stores little-endian float32; big-endian hosts are not supported.");
        if (!HasNpyMagic(arrayPath))
        {
            reason = $"array {arrayPath} is not a .npy file";
            return null;
        }
        return map ? TryMap(arrayPath, index, clips, floats, out reason) : TryReadIntoArray(arrayPath, index, clips, floats, out reason);
    }

    private static bool HasNpyMagic(string arrayPath)
    {
        using var stream = new FileStream(arrayPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        Span<byte> magic = stackalloc byte[6];
        return stream.ReadAtLeast(magic, 6, throwOnEndOfStream: false) == 6
            && magic.SequenceEqual((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']);
    }

    /// <summary>
    /// Maps the array copy-on-write and checks its SHA-256 over the mapping. Cache files are only ever replaced by rename
    /// (<see cref="AtomicFile"/>), so a mapped file is never truncated under the mapping.
    /// </summary>
    private static FeatureBlock? TryMap(string arrayPath, CacheIndex index, IReadOnlyList<ClipRecord> clips, long floats, out string? reason)
    {
        reason = null;
        var mapped = new MappedFloatMemory(arrayPath, index.DataOffset, checked((int)floats));
        string sha = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(mapped.GetSpan())));
        if (sha != index.Sha256)
        {
            ((IDisposable)mapped).Dispose();
            reason = ChecksumFailure(arrayPath, sha, index);
            return null;
        }
        return new FeatureBlock(mapped.Memory, index.Shape[1], index.Shape[2], clips, index.RealFrames, firstClip: 0, owner: mapped);
    }

    private static string ChecksumFailure(string arrayPath, string sha, CacheIndex index) =>
        $"array {arrayPath} fails its checksum (SHA-256 {sha[..12]}…, index says {index.Sha256[..Math.Min(12, index.Sha256.Length)]}…): corrupt";

    private static FeatureBlock? TryReadIntoArray(string arrayPath, CacheIndex index, IReadOnlyList<ClipRecord> clips, long floats, out string? reason)
    {
        reason = null;
        // Uninitialised: every byte is read from the file below. The checksum of chunk i runs while chunk i + 1 is read.
        float[] buffer = GC.AllocateUninitializedArray<float>(checked((int)floats));
        using (var stream = new FileStream(arrayPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            stream.Position = index.DataOffset;
            long total = floats * sizeof(float);
            const int chunk = 1 << 23;
            Task hashing = Task.CompletedTask;
            try
            {
                for (long offset = 0; offset < total; offset += chunk)
                {
                    int start = (int)offset, size = (int)Math.Min(chunk, total - offset);
                    stream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan()).Slice(start, size));
                    hashing.Wait();
                    hashing = Task.Run(() => hash.AppendData(MemoryMarshal.AsBytes(buffer.AsSpan()).Slice(start, size)));
                }
            }
            finally
            {
                hashing.Wait();
            }
            string sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (sha != index.Sha256)
            {
                reason = ChecksumFailure(arrayPath, sha, index);
                return null;
            }
        }
        return new FeatureBlock(buffer, index.Shape[1], index.Shape[2], clips, index.RealFrames);
    }

    private static void Write(string arrayPath, string indexPath, string key, FeatureExtractionOptions options, List<FileStamp> files,
        FeatureBlock block, string machineType, DataSplit split, string root)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the feature cache stores little-endian float32; big-endian hosts are not supported.");
        byte[] header = NpyHeader(block.Shape);
        ReadOnlySpan<byte> data = MemoryMarshal.AsBytes(block.Values.Span);
        string sha = Convert.ToHexStringLower(SHA256.HashData(data));
        Memory<float> values = block.Values;
        AtomicFile.Write(arrayPath, stream =>
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(values.Span));
        });
        var index = new CacheIndex(FormatVersion, key, machineType, split.ToString().ToLowerInvariant(), root,
            OptionsJson(options), block.Shape, header.Length, data.Length, sha, files, block.RealFrames);
        AtomicFile.WriteAllText(indexPath, JsonSerializer.Serialize(index, Json));
    }

    /// <summary>A NumPy 1.0 header for a little-endian float32 C-order array, padded to 64 bytes.</summary>
    private static byte[] NpyHeader(int[] shape)
    {
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}), }}";
        int total = 10 + dict.Length + 1;
        string text = dict + new string(' ', (64 - total % 64) % 64) + "\n";
        var header = new byte[10 + text.Length];
        ((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]).CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text).CopyTo(header, 10);
        return header;
    }
}
