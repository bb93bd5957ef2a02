using System.Collections;
using System.IO.Compression;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace AnomalyLab.IO;

/// <summary>How a PyTorch state dict was stored.</summary>
public enum PyTorchStateDictFormat
{
    /// <summary><c>torch.save({"model_state_dict": …, "optim_state_dict": …, "epoch": …, "loss": …})</c>: a training payload.</summary>
    Payload,

    /// <summary><c>torch.save(model.state_dict())</c>.</summary>
    StateDict,

    /// <summary>A <c>.safetensors</c> file (8-byte header length, JSON header, raw little-endian data).</summary>
    Safetensors,
}

/// <summary>
/// A state dict read from a PyTorch file: name → tensor (CPU, owned: dispose the whole), plus what a training payload
/// says about itself.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Format">How it was stored.</param>
/// <param name="Tensors">Name → tensor, in file order.</param>
/// <param name="Epoch">The payload's <c>epoch</c>, or null.</param>
/// <param name="Loss">The payload's <c>loss</c>, or null.</param>
/// <param name="PayloadKeys">The payload's top-level keys (empty for a bare state dict or safetensors).</param>
public sealed record PyTorchStateDict(string Path, PyTorchStateDictFormat Format, IReadOnlyDictionary<string, Tensor> Tensors, long? Epoch, double? Loss, IReadOnlyList<string> PayloadKeys) : IDisposable
{
    /// <summary>Total number of values over all tensors.</summary>
    public long ValueCount => Tensors.Values.Sum(t => t.numel());

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Tensor t in Tensors.Values) t.Dispose();
    }
}

/// <summary>
/// Reads and writes PyTorch state dicts: <c>torch.save</c> zip archives (a bare state dict, or a training payload whose
/// <c>model_state_dict</c> holds it — optimiser and scaler state are read past and dropped) and safetensors.
/// The pickle and safetensors formats are handled by TorchSharp.PyBridge (measured to read torch 1.13 payloads
/// exactly, see docs/models-pytorch.md); this type adds format detection, payload unwrapping, atomic writes, and errors
/// that name the file.
/// </summary>
public static class PyTorchStateDictFile
{
    /// <summary>The key under which the seed's <c>_save_checkpoint</c> stores the model weights.</summary>
    public const string ModelStateKey = "model_state_dict";

    /// <summary>True when <paramref name="path"/> looks like a PyTorch file: a safetensors header, or a zip whose entries are <c>&lt;name&gt;/data.pkl</c> and friends.</summary>
    public static bool IsPyTorchFile(string path)
    {
        if (!File.Exists(path)) return false;
        if (LooksLikeSafetensors(path)) return true;
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            return zip.Entries.Any(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) || e.FullName == "data.pkl");
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Reads the state dict in <paramref name="path"/> (format detected from the content, not the name).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Neither format, a payload without <c>model_state_dict</c>, or a non-tensor value where a tensor belongs.</exception>
    public static PyTorchStateDict Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        if (LooksLikeSafetensors(path))
        {
            Dictionary<string, Tensor> tensors;
            try
            {
                tensors = Safetensors.LoadStateDict(path);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidDataException($"{path}: not a readable safetensors file ({e.Message}).", e);
            }
            return new PyTorchStateDict(path, PyTorchStateDictFormat.Safetensors, tensors, null, null, []);
        }
        Hashtable root;
        try
        {
            root = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a torch.save archive or safetensors file ({e.GetType().Name}: {e.Message}).", e);
        }
        if (root.ContainsKey(ModelStateKey))
        {
            if (root[ModelStateKey] is not IDictionary inner)
                throw new InvalidDataException($"{path}: '{ModelStateKey}' is a {root[ModelStateKey]?.GetType().Name ?? "null"}, not a state dict.");
            var keys = root.Keys.Cast<object>().Select(k => k.ToString() ?? "").ToList();
            var tensors = Tensors(path, inner, ModelStateKey + ".");
            DisposeOthers(root, inner);
            return new PyTorchStateDict(path, PyTorchStateDictFormat.Payload, tensors, AsLong(root["epoch"]), AsDouble(root["loss"]), keys);
        }
        return new PyTorchStateDict(path, PyTorchStateDictFormat.StateDict, Tensors(path, root, ""), null, null, []);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/> atomically as a bare <c>torch.save</c> state dict
    /// (<see cref="PyTorchStateDictFormat.StateDict"/>) or as safetensors; <c>torch.load</c> + <c>load_state_dict(strict=True)</c> reads the first.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, PyTorchStateDictFormat format)
    {
        // Dictionary enumerates in insertion order: the file keeps the caller's (module) order.
        var ordered = tensors.ToDictionary(p => p.Key, p => p.Value.cpu().contiguous());
        try
        {
            switch (format)
            {
                case PyTorchStateDictFormat.StateDict:
                    AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, ordered, leaveOpen: true));
                    break;
                case PyTorchStateDictFormat.Safetensors:
                    AtomicFile.Write(path, stream => Safetensors.SaveStateDict(stream, ordered, leaveOpen: true));
                    break;
                default:
                    throw new ArgumentException($"Writing {format} is not supported (StateDict or Safetensors).", nameof(format));
            }
        }
        finally
        {
            foreach (var (key, value) in ordered)
                if (!ReferenceEquals(value, tensors[key])) value.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Tensors(string path, IDictionary dict, string prefix)
    {
        var result = new Dictionary<string, Tensor>();
        var wrong = new List<string>();
        foreach (DictionaryEntry entry in dict)
        {
            string key = entry.Key.ToString() ?? "";
            if (entry.Value is Tensor tensor) result[key] = tensor;
            else wrong.Add($"{prefix}{key} ({entry.Value?.GetType().Name ?? "None"})");
        }
        if (wrong.Count > 0)
        {
            foreach (Tensor t in result.Values) t.Dispose();
            throw new InvalidDataException($"{path}: not a state dict: {wrong.Count} entries are not tensors: {string.Join(", ", wrong.Take(10))}{(wrong.Count > 10 ? ", …" : "")}.");
        }
        return result;
    }

    // Optimiser state tensors come out of the unpickler too; release them at once instead of waiting for the finaliser.
    private static void DisposeOthers(object? node, IDictionary keep)
    {
        switch (node)
        {
            case Tensor t:
                t.Dispose();
                break;
            case IDictionary d when !ReferenceEquals(d, keep):
                foreach (DictionaryEntry e in d) DisposeOthers(e.Value, keep);
                break;
            case IEnumerable list and not string:
                foreach (object? item in list) DisposeOthers(item, keep);
                break;
        }
    }

    private static long? AsLong(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d when d == Math.Floor(d) => (long)d,
        _ => null,
    };

    private static double? AsDouble(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        Tensor { NumberOfElements: 1 } t => t.to_type(ScalarType.Float64).item<double>(),
        _ => null,
    };

    private static bool LooksLikeSafetensors(string path)
    {
        // 8-byte little-endian header length, then a JSON object.
        using FileStream stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[9];
        if (stream.ReadAtLeast(head, 9, throwOnEndOfStream: false) < 9) return false;
        ulong length = BitConverter.ToUInt64(head[..8]);
        return head[8] == (byte)'{' && length > 1 && length < (ulong)stream.Length;
    }
}
