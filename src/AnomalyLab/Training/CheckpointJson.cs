using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnomalyLab.Training;

/// <summary>The JSON settings of checkpoint metadata: indented, camelCase, enums as strings.</summary>
public static class CheckpointJson
{
    /// <summary>Shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
