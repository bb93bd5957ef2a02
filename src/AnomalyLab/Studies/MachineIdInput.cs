using AnomalyLab.Data;
namespace AnomalyLab.Studies;

/// <summary>
/// The clips of one machine id a study needs: test normals and anomalies, optionally the train normals (to fit the
/// reconstruction baseline) and the ground-truth anomaly frequency of synthetic data.
/// </summary>
/// <param name="MachineType">e.g. <c>slider</c>.</param>
/// <param name="MachineId">e.g. <c>id_00</c>.</param>
/// <param name="Normal">Normal test clips <c>[n_normal, n_mels, frames]</c>.</param>
/// <param name="Anomaly">Anomalous test clips <c>[n_anomaly, n_mels, frames]</c>, same geometry.</param>
/// <param name="TrainNormal">Normal train clips for fitting the reconstruction, or null to fit on <paramref name="Normal"/>.</param>
/// <param name="GroundTruth">Share of anomalous clips whose true anomaly mask covers each cell, <c>[n_mels, valid_frames]</c> in 0..1, or null for real data.</param>
public sealed record MachineIdInput(string MachineType, string MachineId, LogMelBatch Normal, LogMelBatch Anomaly, LogMelBatch? TrainNormal = null, double[,]? GroundTruth = null);
