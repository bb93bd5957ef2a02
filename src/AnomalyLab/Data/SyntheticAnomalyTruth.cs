using System.Text.Json.Serialization;

namespace AnomalyLab.Data;

/// <summary>
/// Ground truth of one synthetic anomalous clip: where in time and frequency the anomaly was added. Written beside the
/// dataset as <c>ground_truth/&lt;type&gt;/&lt;clip&gt;.json</c> with a <c>[n_mels, frames]</c> mask <c>.npy</c>.
/// </summary>
/// <param name="Clip">Clip path relative to the dataset root, with '/' separators.</param>
/// <param name="Kind">The anomaly's sound.</param>
/// <param name="BandLowHz">Lower edge of the anomaly band, Hz.</param>
/// <param name="BandHighHz">Upper edge of the anomaly band, Hz.</param>
/// <param name="Segments">Time segments holding the anomaly, each <c>[start, end]</c> in seconds.</param>
/// <param name="MaskFile">Mask file name relative to the JSON file (<c>.npy</c>, float32 0/1).</param>
/// <param name="MaskShape">Mask shape <c>[n_mels, frames]</c> (default grid 128 × 313).</param>
public sealed record SyntheticAnomalyTruth(
    string Clip,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SyntheticAnomalyKind>))] SyntheticAnomalyKind Kind,
    double BandLowHz,
    double BandHighHz,
    IReadOnlyList<double[]> Segments,
    string MaskFile,
    int[] MaskShape);
