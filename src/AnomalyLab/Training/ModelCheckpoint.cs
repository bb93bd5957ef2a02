using System.IO.Compression;
using System.Text.Json;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Training;

/// <summary>
/// A trained (or partly trained) model read from disk: metadata, the model with its weights, and what resuming needs.
/// Disposing releases the model.
/// </summary>
public sealed class LoadedCheckpoint(string path, CheckpointMetadata metadata, TrainableModel model, byte[]? optimizerState, byte[]? bestWeights) : IDisposable
{
    /// <summary>The file it came from.</summary>
    public string Path { get; } = path;

    /// <summary>Options, normalisation and training state.</summary>
    public CheckpointMetadata Metadata { get; } = metadata;

    /// <summary>The model with the saved weights, on the CPU, in eval mode.</summary>
    public TrainableModel Model { get; } = model;

    /// <summary>Adam's state (TorchSharp <c>save_state_dict</c> bytes), or null.</summary>
    public byte[]? OptimizerState { get; } = optimizerState;

    /// <summary>Weights of the best validation epoch (<see cref="WeightSnapshot"/> bytes), or null.</summary>
    public byte[]? BestWeights { get; } = bestWeights;

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}

/// <summary>
/// Reads and writes model checkpoints: one zip file holding <c>metadata.json</c> (<see cref="CheckpointMetadata"/>),
/// <c>weights.bin</c> (TorchSharp <c>Module.save</c> format), and for resuming <c>optimizer.bin</c> and <c>best.bin</c>.
/// Writes are atomic (temporary file + move), so an interrupted save leaves the previous checkpoint intact.
/// </summary>
public static class ModelCheckpoint
{
    private const string MetadataEntry = "metadata.json";
    private const string WeightsEntry = "weights.bin";
    private const string OptimizerEntry = "optimizer.bin";
    private const string BestEntry = "best.bin";

    /// <summary>Writes <paramref name="model"/> and <paramref name="metadata"/> (plus optional resume state) to <paramref name="path"/>.</summary>
    public static void Save(string path, TrainableModel model, CheckpointMetadata metadata, TorchSharp.Modules.OptimizerHelper? optimizer = null, byte[]? bestWeights = null)
    {
        if (metadata.Kind != model.Kind)
            throw new ArgumentException($"Metadata says {metadata.Kind} but the model is {model.Kind}.", nameof(metadata));
        byte[] weights = ToBytes(writer => model.Network.save(writer));
        byte[]? optimizerBytes = optimizer is null ? null : ToBytes(writer => optimizer.save_state_dict(writer));
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, MetadataEntry, JsonSerializer.SerializeToUtf8Bytes(metadata, CheckpointJson.Options));
            WriteEntry(zip, WeightsEntry, weights);
            if (optimizerBytes is not null) WriteEntry(zip, OptimizerEntry, optimizerBytes);
            if (bestWeights is not null) WriteEntry(zip, BestEntry, bestWeights);
        });
    }

    /// <summary>Reads only the metadata of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, or an unsupported version.</exception>
    public static CheckpointMetadata ReadMetadata(string path)
    {
        using var zip = Open(path);
        return ParseMetadata(path, ReadEntry(path, zip, MetadataEntry, required: true)!);
    }

    /// <summary>Reads <paramref name="path"/> and rebuilds the model with its weights (CPU, eval mode).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">
    /// Not a checkpoint, an unsupported version, model options out of range, weights that do not fit the options, a
    /// checkpoint that cannot score (a NaN/infinite weight, normalisation or threshold, or a standard deviation of 0), or a
    /// PyTorch file (it needs an explicit input normalisation: use <see cref="Load(string, PyTorchImportOptions?)"/>).
    /// </exception>
    public static LoadedCheckpoint Load(string path) => Load(path, null);

    /// <summary>
    /// Reads a workbench checkpoint, or imports a PyTorch Stage-1 file (<c>.pt</c> payload or state dict, safetensors;
    /// detected from the content) with <paramref name="pytorch"/>'s features and normalisation (<see cref="PyTorchCheckpoint.Import"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Unreadable or unfitting; a PyTorch file while <paramref name="pytorch"/> is null.</exception>
    public static LoadedCheckpoint Load(string path, PyTorchImportOptions? pytorch)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint {path} does not exist.", path);
        if (PyTorchStateDictFile.IsPyTorchFile(path))
        {
            if (pytorch is null)
                throw new InvalidDataException(
                    $"{path}: a PyTorch checkpoint carries no input normalisation; choose one explicitly (CLI: --input-normalization none|fit|MEAN,STD).");
            return PyTorchCheckpoint.Import(path, pytorch);
        }
        using var zip = Open(path);
        CheckpointMetadata metadata = ParseMetadata(path, ReadEntry(path, zip, MetadataEntry, required: true)!);
        CheckScoringValues(path, metadata);
        byte[] weights = ReadEntry(path, zip, WeightsEntry, required: true)!;
        TrainableModel model;
        try
        {
            // Options are validated (bounded sizes) before any tensor is allocated.
            model = TrainableModel.Create(metadata.Kind, metadata.ModelOptions);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: checkpoint model options cannot be built: {e.Message}", e);
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(weights));
            model.Network.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            model.Dispose();
            throw new InvalidDataException($"{path}: checkpoint weights do not fit a {metadata.Kind.CliName()} with the stored options ({e.Message}).", e);
        }
        if (FirstNonFiniteParameter(model) is { } bad)
        {
            model.Dispose();
            throw new InvalidDataException($"{path}: checkpoint weight '{bad}' holds NaN or infinite values (diverged training?); it cannot score anything — retrain, e.g. with a lower --lr.");
        }
        model.Network.eval();
        return new LoadedCheckpoint(path, metadata, model, ReadEntry(path, zip, OptimizerEntry, required: false), ReadEntry(path, zip, BestEntry, required: false));
    }

    private static void CheckScoringValues(string path, CheckpointMetadata metadata)
    {
        Standardiser stats = metadata.Normalization;
        if (!double.IsFinite(stats.GlobalMean) || !double.IsFinite(stats.GlobalStd) || stats.GlobalStd <= 0)
            throw new InvalidDataException($"{path}: checkpoint normalisation (mean {stats.GlobalMean}, std {stats.GlobalStd}) is unusable: the mean must be finite and the standard deviation finite and above 0.");
    }

    /// <summary>Name of the first parameter of <paramref name="model"/> holding NaN or ±infinity, or null when all are finite.</summary>
    internal static string? FirstNonFiniteParameter(TrainableModel model)
    {
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in model.Network.named_parameters())
            if (!isfinite(parameter).all().item<bool>()) return name;
        return null;
    }

    /// <summary>
    /// Loads <paramref name="path"/> and checks that it was made for <paramref name="kind"/> with <paramref name="modelOptions"/>
    /// and <paramref name="features"/> (null = do not check that part).
    /// </summary>
    /// <exception cref="CheckpointMismatchException">Any difference; the message lists each one with both values.</exception>
    public static LoadedCheckpoint LoadMatching(string path, ModelKind kind, JsonElement? modelOptions, LogMelOptions? features)
    {
        CheckpointMetadata metadata = ReadMetadata(path);
        var differences = Differences(metadata, kind, modelOptions, features);
        if (differences.Count > 0) throw new CheckpointMismatchException(Path.GetFullPath(path), differences);
        return Load(path);
    }

    /// <summary>The settings in which <paramref name="metadata"/> differs from the requested ones ("name: checkpoint X, requested Y").</summary>
    public static List<string> Differences(CheckpointMetadata metadata, ModelKind kind, JsonElement? modelOptions, LogMelOptions? features)
    {
        var differences = new List<string>();
        if (metadata.Kind != kind)
        {
            differences.Add($"model: checkpoint {metadata.Kind.CliName()}, requested {kind.CliName()}");
            return differences;
        }
        if (modelOptions is { } requested)
            CompareJson("model options", metadata.ModelOptions, requested, differences);
        if (features is not null)
            CompareJson("features", JsonSerializer.SerializeToElement(metadata.Features, CheckpointJson.Options), JsonSerializer.SerializeToElement(features, CheckpointJson.Options), differences);
        return differences;
    }

    private static void CompareJson(string prefix, JsonElement stored, JsonElement requested, List<string> differences)
    {
        if (stored.ValueKind == JsonValueKind.Object && requested.ValueKind == JsonValueKind.Object)
        {
            var names = stored.EnumerateObject().Select(p => p.Name).Union(requested.EnumerateObject().Select(p => p.Name));
            foreach (string name in names)
            {
                string a = stored.TryGetProperty(name, out JsonElement x) ? x.GetRawText() : "(absent)";
                string b = requested.TryGetProperty(name, out JsonElement y) ? y.GetRawText() : "(absent)";
                if (Normalize(a) != Normalize(b)) differences.Add($"{prefix}.{name}: checkpoint {Normalize(a)}, requested {Normalize(b)}");
            }
        }
        else if (stored.GetRawText() != requested.GetRawText())
        {
            differences.Add($"{prefix}: checkpoint {stored.GetRawText()}, requested {requested.GetRawText()}");
        }
    }

    private static string Normalize(string json) => string.Join(" ", json.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static ZipArchive Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: checkpoint not found.", path);
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not an AnomalyLab checkpoint (expected a zip with {MetadataEntry} and {WeightsEntry}).", e);
        }
    }

    private static CheckpointMetadata ParseMetadata(string path, byte[] bytes)
    {
        CheckpointMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<CheckpointMetadata>(bytes, CheckpointJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: checkpoint: {MetadataEntry} does not parse ({e.Message}).", e);
        }
        if (metadata is null) throw new InvalidDataException($"{path}: checkpoint: {MetadataEntry} is empty.");
        if (metadata.FormatVersion < CheckpointMetadata.OldestReadableFormatVersion || metadata.FormatVersion > CheckpointMetadata.CurrentFormatVersion)
            throw new InvalidDataException($"{path}: checkpoint: format version {metadata.FormatVersion}, this build reads versions {CheckpointMetadata.OldestReadableFormatVersion} to {CheckpointMetadata.CurrentFormatVersion}.");
        return metadata;
    }

    private static byte[]? ReadEntry(string path, ZipArchive zip, string name, bool required)
    {
        ZipArchiveEntry? entry = zip.GetEntry(name);
        if (entry is null)
            return required ? throw new InvalidDataException($"{path}: checkpoint lacks {name} (expected {MetadataEntry} and {WeightsEntry}).") : null;
        using Stream stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }

    private static byte[] ToBytes(Action<BinaryWriter> write)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        return memory.ToArray();
    }
}
