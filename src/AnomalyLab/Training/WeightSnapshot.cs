using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Training;

/// <summary>
/// A detached CPU copy of a module's state (parameters and buffers), to put back later — the trainer's "best epoch"
/// weights. Disposing releases the copies.
/// </summary>
public sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> tensors;

    private WeightSnapshot(Dictionary<string, Tensor> tensors) => this.tensors = tensors;

    /// <summary>Copies the current state of <paramref name="module"/>.</summary>
    public static WeightSnapshot Take(nn.Module module)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // detach() makes an intermediate per tensor
        var copies = new Dictionary<string, Tensor>();
        foreach (var (name, value) in module.state_dict())
        {
            Tensor copy = value.detach().cpu().clone();
            copy.DetachFromDisposeScope();
            copies[name] = copy;
        }
        return new WeightSnapshot(copies);
    }

    /// <summary>Writes the snapshot back into <paramref name="module"/> (same architecture).</summary>
    /// <exception cref="InvalidOperationException">A name or shape that the module does not have.</exception>
    public void Restore(nn.Module module)
    {
        using var noGrad = no_grad();
        Dictionary<string, Tensor> target = module.state_dict();
        foreach (var (name, value) in tensors)
        {
            if (!target.TryGetValue(name, out Tensor? destination) || !destination.shape.SequenceEqual(value.shape))
                throw new InvalidOperationException($"Weight snapshot entry '{name}' [{string.Join(", ", value.shape)}] does not fit the module.");
            destination.copy_(value);
        }
    }

    /// <summary>Serialises the snapshot (name + TorchSharp tensor format per entry).</summary>
    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(tensors.Count);
            foreach (var (name, value) in tensors)
            {
                writer.Write(name);
                value.Save(writer);
            }
        }
        return memory.ToArray();
    }

    /// <summary>Reads a snapshot written by <see cref="ToBytes"/>, shaped like the state of <paramref name="like"/>.</summary>
    public static WeightSnapshot FromBytes(byte[] bytes, nn.Module like)
    {
        WeightSnapshot snapshot = Take(like);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!snapshot.tensors.TryGetValue(name, out Tensor? destination))
                throw new InvalidDataException($"Weight snapshot names '{name}', which the module does not have.");
            destination.Load(reader);
        }
        return snapshot;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Tensor t in tensors.Values) t.Dispose();
        tensors.Clear();
    }
}
