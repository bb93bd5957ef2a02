namespace AnomalyLab.Data;

/// <summary>Progress of a long dataset operation, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Stage">What is running, e.g. <c>synthesising</c>, <c>fan/train log-mel</c>, <c>downloading dev_data_fan.zip</c>.</param>
/// <param name="Done">Units finished (clips, or bytes when downloading).</param>
/// <param name="Total">Units in all; 0 when unknown.</param>
public readonly record struct DatasetProgress(string Stage, long Done, long Total);
