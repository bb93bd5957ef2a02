using System.Text.Json;
using System.Text.Json.Serialization;
using AnomalyLab.Data;

namespace AnomalyLab.Training;

/// <summary>
/// Reads a checkpoint's input normalisation in both shapes: the current <see cref="Standardiser"/>
/// (<c>{"mode": "Global", "mean": [m], "std": [s]}</c>, format 2) and the scalar pair of format-1 checkpoints
/// (<c>{"mean": m, "std": s}</c>, read as global statistics, so old models score exactly as before). Writes the current shape.
/// </summary>
public sealed class CheckpointNormalizationConverter : JsonConverter<Standardiser>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">Neither shape, or statistics a model cannot use (per mel, per feature, mismatched lengths).</exception>
    public override Standardiser Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("normalization must be an object.");
        if (root.TryGetProperty("mean", out JsonElement mean) && mean.ValueKind == JsonValueKind.Number)
        {
            if (!root.TryGetProperty("std", out JsonElement std) || std.ValueKind != JsonValueKind.Number)
                throw new JsonException("normalization: a format-1 mean needs a numeric std beside it.");
            return new Standardiser(Standardisation.Global, [mean.GetDouble()], [std.GetDouble()]);
        }
        Standardiser value = root.Deserialize<Standardiser>(options) ?? throw new JsonException("normalization needs mode, mean and std.");
        if (value.Mode is not (Standardisation.None or Standardisation.Global))
            throw new JsonException($"normalization: a model's inputs are standardised globally or not at all, not {value.Mode.Name()}.");
        if (value.ShapeProblem() is { } problem) throw new JsonException($"normalization: {problem}.");
        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Standardiser value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
}
