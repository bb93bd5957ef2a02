namespace AnomalyLab.Metrics;

/// <summary>AUC and partial AUC of one machine id (or an average row).</summary>
/// <param name="MachineId">Machine id such as <c>id_00</c>, or the name of an average.</param>
/// <param name="Auc">ROC AUC.</param>
/// <param name="PartialAuc">McClish-standardised partial AUC up to <see cref="MetricsTable.MaxFalsePositiveRate"/>.</param>
/// <param name="Normals">Normal clips scored (0 for an average row).</param>
/// <param name="Anomalies">Anomalous clips scored (0 for an average row).</param>
public sealed record MachineMetrics(string MachineId, double Auc, double PartialAuc, int Normals, int Anomalies);
