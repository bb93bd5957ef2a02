namespace AnomalyLab.Data;

/// <summary>The test clips of one machine id with one label, stacked <c>[clips, n_mels, frames]</c> (a view on the type's block).</summary>
/// <param name="MachineType">Machine type.</param>
/// <param name="MachineId">Machine id or section.</param>
/// <param name="Label">Normal, anomaly or unknown.</param>
/// <param name="Features">The stacked features.</param>
public sealed record TestGroup(string MachineType, string MachineId, ClipLabel Label, FeatureBlock Features)
{
    /// <summary><c>fan__id_00</c>.</summary>
    public string CompositeId => MachineType + ClipRecord.CompositeSeparator + MachineId;
}
