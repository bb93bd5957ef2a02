using AnomalyLab.IO;

namespace AnomalyLab.Models.VqVae2;

/// <summary>
/// The <c>anomalylab reconstruct</c> files of a <see cref="VqVae2Pass"/>: the reconstruction as float32 <c>.npy</c> in the input's
/// shape, and optionally <c>codes_bottom.npy</c> <c>[N, H/4, W/4]</c> and <c>codes_top.npy</c> <c>[N, H/8, W/8]</c> (int64
/// nearest-codeword indices) in a folder.
/// </summary>
public static class VqVae2PassFiles
{
    /// <summary>File names of the code indices inside the codes folder.</summary>
    public const string BottomCodesFileName = "codes_bottom.npy", TopCodesFileName = "codes_top.npy";

    /// <summary>
    /// Writes the code indices into <paramref name="codesFolder"/> (when given) and then the reconstruction to
    /// <paramref name="reconstructionPath"/> with <paramref name="shape"/> (the input's: <c>[N, 1, H, W]</c> or <c>[N, H, W]</c>).
    /// </summary>
    public static void Write(VqVae2Pass pass, string reconstructionPath, int[] shape, string? codesFolder = null)
    {
        if (codesFolder is not null)
        {
            NpyFile.Write(Path.Combine(codesFolder, BottomCodesFileName), pass.BottomCodes, pass.Count, pass.BottomGrid.Rows, pass.BottomGrid.Columns);
            NpyFile.Write(Path.Combine(codesFolder, TopCodesFileName), pass.TopCodes, pass.Count, pass.TopGrid.Rows, pass.TopGrid.Columns);
        }
        NpyFile.Write(reconstructionPath, pass.Reconstruction, shape);
    }
}
