using System.Text.Json;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Studies.Codes;
using AnomalyLab.Tests.Cli;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Studies;

[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class CodeStudyTests
{
    [Fact]
    public void Change_maps_usage_and_scores_follow_the_reference_mode()
    {
        // 1×3 grids, codebook 4. Reference modes: position 0 → 1 (2 of 3), position 1 → 0 (2 of 3), position 2 → 3.
        var reference = new CodeGrid([1, 0, 3, 1, 2, 3, 2, 0, 3], 3, 1, 3);
        Assert.Equal(3, reference.Count);
        var normal = new CodeGrid([1, 0, 3, 1, 2, 3], 2, 1, 3);
        var anomaly = new CodeGrid([2, 2, 3, 2, 0, 0], 2, 1, 3);
        CodeLevelStudy s = CodeLevelStudy.Compute("bottom", 4, normal, anomaly, reference);

        Assert.Equal(new double[] { 0.0, 0.5, 0.0 }, Row(s.NormalChange));
        Assert.Equal(new double[] { 1.0, 0.5, 0.5 }, Row(s.AnomalyChange));
        Assert.Equal(new double[] { 1.0, 0.0, 0.5 }, Row(s.ExcessChange));
        Assert.Equal(new double[] { 0, 1 / 3.0 }, s.NormalScores);
        Assert.Equal(new double[] { 2 / 3.0, 2 / 3.0 }, s.AnomalyScores);
        Assert.Equal(1.0, s.Auc);
        Assert.Equal(new double[] { 1, 2, 1, 2 }, s.NormalUsage);
        Assert.Equal(4, s.NormalCodesUsed);
        Assert.Equal(0, s.AnomalyOnlyCodes);
        // Usage 1,2,1,2 of 6: perplexity = exp(−2·(1/6)ln(1/6) − 2·(2/6)ln(2/6)).
        Assert.Equal(Math.Exp(-(2 * (1 / 6.0) * Math.Log(1 / 6.0) + 2 * (2 / 6.0) * Math.Log(2 / 6.0))), s.NormalPerplexity, 12);
    }

    [Fact]
    public void Ties_in_the_reference_go_to_the_smaller_code()
    {
        var reference = new CodeGrid([2, 1], 2, 1, 1);
        var probe = new CodeGrid([1], 1, 1, 1);
        CodeLevelStudy s = CodeLevelStudy.Compute("top", 3, probe, new CodeGrid([2], 1, 1, 1), reference);
        Assert.Equal(0.0, s.NormalScores[0]);
        Assert.Equal(1.0, s.AnomalyScores[0]);
    }

    [Fact]
    public void A_code_outside_the_codebook_is_refused()
    {
        var grid = new CodeGrid([0, 5], 1, 1, 2);
        Assert.Throws<ArgumentException>(() => CodeLevelStudy.Compute("top", 4, grid, grid, grid));
    }

    [Fact]
    public void Codes_command_writes_report_summary_and_maps_for_a_workbench_model()
    {
        string root = SyntheticDataset.EnsureDefault();
        using var folder = new TempFolder();
        manual_seed(7);
        var options = VqVae2Options.Sdsr with { NumHiddens = 16, NumResidualLayers = 1, NumResidualHiddens = 8, NumEmbeddingsTop = 16, NumEmbeddingsBottom = 32, EmbeddingDim = 8, InputWidth = 64 };
        using (var model = new VqVae2TrainableModel(options))
        {
            ModelCheckpoint.Save(folder.File("small.ckpt"), model, new CheckpointMetadata
            {
                Kind = ModelKind.VqVae2,
                ModelOptions = model.OptionsJson,
                Features = LogMelOptions.Torchaudio,
                Normalization = Standardiser.Global(-40, 15),
                Training = TrainingOptions.VqVae2Default,
                State = TrainingState.Initial,
            });
        }
        var result = CliRunner.Run("codes", "--model", folder.File("small.ckpt"), "--data", root, "--machine", "fan", "--ids", "id_00", "--reference-clips", "10", "--out", folder.File("out"));
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        Assert.True(File.Exists(folder.File("out", "index.html")));
        Assert.True(File.Exists(folder.File("out", "maps", "fan__id_00__bottom__excess_change.npy")));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(folder.File("out", "summary.json")));
        JsonElement id = summary.RootElement.GetProperty("ids")[0];
        Assert.Equal("id_00", id.GetProperty("machineId").GetString());
        Assert.Equal(10, id.GetProperty("referenceClips").GetInt32());
        Assert.Equal(-40, summary.RootElement.GetProperty("inputNormalization").GetProperty("mean").GetDouble());
        JsonElement bottom = id.GetProperty("levels")[0];
        Assert.Equal(new[] { 32, 16 }, bottom.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()));
        Assert.InRange(bottom.GetProperty("normalPerplexity").GetDouble(), 1, 32);

        // A folder holding the user's files is refused (one error line, exit 2, file kept); the report folder is replaced as a unit.
        Directory.CreateDirectory(folder.File("mine"));
        File.WriteAllText(folder.File("mine", "notes.txt"), "keep");
        var refused = CliRunner.Run("codes", "--model", folder.File("small.ckpt"), "--data", root, "--machine", "fan", "--ids", "id_00", "--reference-clips", "10", "--out", folder.File("mine"));
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"error: {folder.File("mine")}", refused.StandardError.Trim());
        Assert.Equal("keep", File.ReadAllText(folder.File("mine", "notes.txt")));
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(folder.File("mine")).Select(Path.GetFileName));
    }

    private static double[] Row(double[,] map) => Enumerable.Range(0, map.GetLength(1)).Select(c => map[0, c]).ToArray();
}
