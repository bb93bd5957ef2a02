using AnomalyLab.IO;
using AnomalyLab.Scoring;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Scoring;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class VqVae2FileReconstructionTests
{
    private static string Golden(string name) => RepoPaths.Goldens("vqvae2_pytorch", name);

    [Fact]
    public void A_pytorch_file_reconstructs_the_inputs_as_pytorch_does_and_writes_the_codes()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("codes"));
        (int[] shape, _) = VqVae2FileReconstruction.Run(Golden("tiny_stage1.pt"), Golden("inputs.npy"), folder.File("y.npy"), folder.File("codes"), batchSize: 2);
        Assert.Equal([4, 1, 128, 320], shape);
        float[] expected = NpyFile.Read(Golden("tiny_recon.npy")).Values;
        Assert.True(expected.Zip(NpyFile.Read(folder.File("y.npy")).Values, (a, b) => Math.Abs(a - b)).Max() <= 1e-4);
        Assert.Equal([4, 16, 40], NpyFile.Read(folder.File("codes", "codes_top.npy")).Shape);
    }

    [Fact]
    public void An_input_whose_sizes_are_not_multiples_of_8_is_refused_before_the_model_is_read()
    {
        using var folder = new TempFolder();
        NpyFile.Write(folder.File("x.npy"), new float[2 * 12 * 20], 2, 12, 20);
        var e = Assert.Throws<InvalidDataException>(() =>
            VqVae2FileReconstruction.Run(folder.File("missing.pt"), folder.File("x.npy"), folder.File("y.npy"), null, 16));
        Assert.Contains("multiples of 8", e.Message);
        Assert.False(File.Exists(folder.File("y.npy")));
    }
}
