using AnomalyLab.IO;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Tests.Cli;
using AnomalyLab.Tests.TestSupport;
using AnomalyLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Models;

/// <summary>
/// PyTorch Stage-1 checkpoints (semcom-sDSR VQ_VAE_2Layer) against goldens from tests/goldens/vqvae2_pytorch_goldens.py:
/// a seed-size payload and a tiny variant trained a few steps on real slider log-mels, with PyTorch's eval-mode
/// reconstructions and code indices of four held-out clips.
/// </summary>
[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class SdsrImportTests
{
    private static string Golden(string name) => RepoPaths.Goldens("vqvae2_pytorch", name);

    private static NpyArray Inputs => NpyFile.Read(Golden("inputs.npy"));

    [Fact]
    public void Seed_payload_imports_strictly_with_the_seed_settings_inferred()
    {
        using PyTorchStateDict state = PyTorchStateDictFile.Read(Golden("seed_stage1_best.pt"));
        Assert.Equal(PyTorchStateDictFormat.Payload, state.Format);
        Assert.Equal(46, state.Tensors.Count);
        Assert.Equal(3_547_393, state.ValueCount);
        Assert.Contains("optim_state_dict", state.PayloadKeys);
        Assert.NotNull(state.Epoch);
        using VqVae2Network network = SdsrStateDict.Import(state.Tensors, "seed");
        Assert.Equal(VqVae2Options.Sdsr, network.Options);
        Assert.Equal(46, network.state_dict().Count);
    }

    [Theory]
    [InlineData("seed_stage1_best.pt", "seed")]
    [InlineData("tiny_stage1.pt", "tiny")]
    [InlineData("tiny_state_dict.pt", "tiny")]
    [InlineData("tiny.safetensors", "tiny")]
    public void Reconstruction_and_codes_match_pytorch(string file, string reference)
    {
        using LoadedCheckpoint checkpoint = ModelCheckpoint.Load(Golden(file), new PyTorchImportOptions { Normalization = InputNormalization.None });
        var network = ((VqVae2TrainableModel)checkpoint.Model).Model;
        NpyArray x = Inputs;
        int clips = x.Shape[0], size = x.Shape[2] * x.Shape[3];
        VqVae2Pass pass = VqVae2Inference.Run(network, x.Values, clips, x.Shape[2], x.Shape[3], batchSize: 2);
        long[] goldBottom = Codes(Golden($"{reference}_codes_bottom.npy")), goldTop = Codes(Golden($"{reference}_codes_top.npy"));
        double bottomAgreement = Agreement(pass.BottomCodes, goldBottom), topAgreement = Agreement(pass.TopCodes, goldTop);
        Assert.True(bottomAgreement >= 0.999, $"{file}: bottom codes agree on {bottomAgreement:P3}");
        Assert.True(topAgreement >= 0.999, $"{file}: top codes agree on {topAgreement:P3}");
        Assert.Equal((32, 80), pass.BottomGrid);
        Assert.Equal((16, 40), pass.TopGrid);

        // End to end: every clip whose codes all equal PyTorch's reconstructs within 1e-4. (A near-tie can flip a code —
        // the seed golden has one top position of 2,560 — and that clip's reconstruction then follows the other codeword.)
        float[] expected = NpyFile.Read(Golden($"{reference}_recon.npy")).Values;
        int bottomSize = 32 * 80, topSize = 16 * 40, agreeing = 0;
        for (int c = 0; c < clips; c++)
        {
            if (!pass.BottomCodes.AsSpan(c * bottomSize, bottomSize).SequenceEqual(goldBottom.AsSpan(c * bottomSize, bottomSize))
                || !pass.TopCodes.AsSpan(c * topSize, topSize).SequenceEqual(goldTop.AsSpan(c * topSize, topSize))) continue;
            agreeing++;
            double worst = MaxDifference(expected.AsSpan(c * size, size), pass.Reconstruction.AsSpan(c * size, size));
            Assert.True(worst <= 1e-4, $"{file} clip {c}: max |reconstruction − PyTorch| = {worst:E2} > 1e-4");
        }
        Assert.True(agreeing >= clips - 1, $"{file}: only {agreeing} of {clips} clips have all codes equal to PyTorch's");

        // The decoder alone, fed PyTorch's own codes: within 1e-4 on every clip.
        using (no_grad())
        {
            using Tensor bottom = network.BottomQuantizer.Lookup(tensor(goldBottom, [clips, 32, 80]));
            using Tensor top = network.TopQuantizer.Lookup(tensor(goldTop, [clips, 16, 40]));
            using Tensor decoded = network.DecodeGeneral(bottom, top);
            double worst = MaxDifference(expected, decoded.data<float>().ToArray());
            Assert.True(worst <= 1e-4, $"{file}: decode_general of PyTorch's codes differs by {worst:E2} > 1e-4");
        }
    }

    [Theory]
    [InlineData(PyTorchStateDictFormat.StateDict, "export.pt")]
    [InlineData(PyTorchStateDictFormat.Safetensors, "export.safetensors")]
    public void Export_round_trips_every_tensor_exactly(PyTorchStateDictFormat format, string name)
    {
        using var folder = new TempFolder();
        using LoadedCheckpoint original = ModelCheckpoint.Load(Golden("tiny_stage1.pt"), new PyTorchImportOptions { Normalization = InputNormalization.None });
        PyTorchCheckpoint.Export(original, folder.File(name), format);
        using PyTorchStateDict written = PyTorchStateDictFile.Read(folder.File(name));
        using PyTorchStateDict source = PyTorchStateDictFile.Read(Golden("tiny_stage1.pt"));
        Assert.Equal(format, written.Format);
        Assert.Equal(source.Tensors.Keys.Order(), written.Tensors.Keys.Order());
        foreach (var (key, tensor) in source.Tensors)
            Assert.True(tensor.allclose(written.Tensors[key], rtol: 0, atol: 0), $"{key} differs after export");

        using LoadedCheckpoint again = ModelCheckpoint.Load(folder.File(name), new PyTorchImportOptions { Normalization = InputNormalization.None });
        NpyArray x = Inputs;
        var a = VqVae2Inference.Run(((VqVae2TrainableModel)original.Model).Model, x.Values, 4, 128, 320);
        var b = VqVae2Inference.Run(((VqVae2TrainableModel)again.Model).Model, x.Values, 4, 128, 320);
        Assert.True(a.Reconstruction.Zip(b.Reconstruction, (p, q) => Math.Abs(p - q)).Max() <= 1e-5);
        Assert.Equal(a.BottomCodes, b.BottomCodes);
    }

    [Fact]
    public void Missing_and_unused_keys_are_all_named()
    {
        using PyTorchStateDict state = PyTorchStateDictFile.Read(Golden("tiny_state_dict.pt"));
        var altered = state.Tensors.Where(p => p.Key != "_decoder_bot._conv_trans2.bias").ToDictionary(p => p.Key, p => p.Value);
        using Tensor extra = zeros(3);
        altered["_vq_top._extra_buffer"] = extra;
        var error = Assert.Throws<InvalidDataException>(() => SdsrStateDict.Import(altered, "tiny_state_dict.pt"));
        Assert.Contains("missing 1: _decoder_bot._conv_trans2.bias", error.Message);
        Assert.Contains("unused 1: _vq_top._extra_buffer", error.Message);
    }

    [Fact]
    public void A_misshapen_tensor_is_named_with_both_shapes()
    {
        using PyTorchStateDict state = PyTorchStateDictFile.Read(Golden("tiny_state_dict.pt"));
        var altered = state.Tensors.ToDictionary(p => p.Key, p => p.Value);
        using Tensor wrong = zeros(5, 16);
        altered["_vq_top._ema_w"] = wrong;
        var error = Assert.Throws<InvalidDataException>(() => SdsrStateDict.Import(altered, "tiny_state_dict.pt"));
        Assert.Contains("_vq_top._ema_w [5, 16] (expected [32, 16])", error.Message);
    }

    [Fact]
    public void Hyper_parameters_come_from_the_shapes()
    {
        using PyTorchStateDict state = PyTorchStateDictFile.Read(Golden("tiny_state_dict.pt"));
        VqVae2Options o = SdsrStateDict.InferOptions(state.Tensors.ToDictionary(p => p.Key, p => p.Value.shape), "tiny");
        Assert.Equal((VqVae2Layout.Sdsr, 16, 1, 8, 32, 64, 16), (o.Layout, o.NumHiddens, o.NumResidualLayers, o.NumResidualHiddens, o.NumEmbeddingsTop, o.NumEmbeddingsBottom, o.EmbeddingDim));
    }

    [Fact]
    public void Options_json_names_the_layout_only_when_it_is_sdsr()
    {
        // Checkpoints written before the layout existed must keep matching new DSR options (LoadMatching compares JSON).
        Assert.DoesNotContain("layout", TrainableModel.ToJson(VqVae2Options.Default).GetRawText());
        Assert.Contains("\"layout\": \"Sdsr\"", TrainableModel.ToJson(VqVae2Options.Sdsr).GetRawText());
        var back = System.Text.Json.JsonSerializer.Deserialize<VqVae2Options>(TrainableModel.ToJson(VqVae2Options.Sdsr), CheckpointJson.Options);
        Assert.Equal(VqVae2Options.Sdsr, back);
    }

    [Fact]
    public void A_dsr_layout_network_is_refused_for_export()
    {
        using var network = new VqVae2Network(VqVae2Options.Small);
        var error = Assert.Throws<ArgumentException>(() => SdsrStateDict.Export(network));
        Assert.Contains("DSR layout", error.Message);
    }

    [Fact]
    public void A_pytorch_file_without_a_normalisation_choice_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(Golden("tiny_stage1.pt")));
        Assert.Contains("input normalisation", error.Message);
    }

    [Fact]
    public void Sdsr_layout_trains_and_round_trips_through_export()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var model = new VqVae2TrainableModel(VqVae2Options.Sdsr with { NumHiddens = 16, NumResidualLayers = 1, NumResidualHiddens = 8, NumEmbeddingsTop = 16, NumEmbeddingsBottom = 32, EmbeddingDim = 16, InputHeight = 32, InputWidth = 64 });
        Tensor x = randn(2, 1, 32, 64);
        model.Network.train();
        model.Loss(x).Total.backward();
        var exported = SdsrStateDict.Export(model.Model);
        using VqVae2Network imported = SdsrStateDict.Import(exported, "memory");
        model.Network.eval();
        using (no_grad())
            Assert.True(model.Model.forward(x).allclose(imported.forward(x), rtol: 0, atol: 0));
        foreach (Tensor t in exported.Values) t.Dispose();
    }

    [Fact]
    public void Cli_reconstruct_and_export_write_what_pytorch_gives()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("reconstruct", "--model", Golden("tiny_stage1.pt"), "--input", Golden("inputs.npy"), "--out", folder.File("y.npy"), "--codes-out", folder.File("codes"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        NpyArray y = NpyFile.Read(folder.File("y.npy"));
        Assert.Equal(new[] { 4, 1, 128, 320 }, y.Shape);
        float[] expected = NpyFile.Read(Golden("tiny_recon.npy")).Values;
        Assert.True(expected.Zip(y.Values, (a, b) => Math.Abs(a - b)).Max() <= 1e-4);
        Assert.Equal(new[] { 4, 32, 80 }, NpyFile.Read(folder.File("codes", "codes_bottom.npy")).Shape);
        Assert.Equal(new[] { 4, 16, 40 }, NpyFile.Read(folder.File("codes", "codes_top.npy")).Shape);

        var export = CliRunner.Run("model", "export", "--model", Golden("tiny_stage1.pt"), "--format", "safetensors", "--out", folder.File("m.safetensors"));
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Equal(PyTorchStateDictFormat.Safetensors, PyTorchStateDictFile.Read(folder.File("m.safetensors")).Format);

        // An output that is an input through a link is refused, and the input is untouched.
        File.Copy(Golden("inputs.npy"), folder.File("x.npy"));
        File.CreateSymbolicLink(folder.File("x-link.npy"), folder.File("x.npy"));
        byte[] before = File.ReadAllBytes(folder.File("x.npy"));
        var overInput = CliRunner.Run("reconstruct", "--model", Golden("tiny_stage1.pt"), "--input", folder.File("x.npy"), "--out", folder.File("x-link.npy"));
        Assert.Equal(2, overInput.ExitCode);
        Assert.StartsWith($"error: {folder.File("x-link.npy")}: is also an input", overInput.StandardError.Trim());
        Assert.Equal(before, File.ReadAllBytes(folder.File("x.npy")));
        File.Copy(Golden("tiny_stage1.pt"), folder.File("m.pt"));
        File.CreateSymbolicLink(folder.File("m-link.pt"), folder.File("m.pt"));
        byte[] model = File.ReadAllBytes(folder.File("m.pt"));
        var overModel = CliRunner.Run("model", "export", "--model", folder.File("m.pt"), "--format", "pt", "--out", folder.File("m-link.pt"));
        Assert.Equal(2, overModel.ExitCode);
        Assert.Equal(model, File.ReadAllBytes(folder.File("m.pt")));

        File.WriteAllText(folder.File("bad.npy"), "not numpy");
        var bad = CliRunner.Run("reconstruct", "--model", Golden("tiny_stage1.pt"), "--input", folder.File("bad.npy"), "--out", folder.File("z.npy"));
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("error: ", bad.StandardError);
        Assert.False(File.Exists(folder.File("z.npy")));
    }

    private static long[] Codes(string goldenPath) => NpyFile.Read(goldenPath).Values.Select(v => (long)v).ToArray();

    private static double Agreement(long[] ours, long[] gold)
    {
        Assert.Equal(gold.Length, ours.Length);
        return gold.Zip(ours, (g, o) => g == o ? 1.0 : 0.0).Average();
    }

    private static double MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}

/// <summary>A researcher's PyTorch Stage-1 file where the workbench takes a model: evaluate and study, with the normalisation recorded.</summary>
[Collection(AnomalyLab.Tests.Training.TorchRandomCollection.Name)]
public sealed class PyTorchModelEverywhereTests
{
    private static string Tiny => RepoPaths.Goldens("vqvae2_pytorch", "tiny_stage1.pt");

    [SharedDataFact]
    public void Evaluate_scores_real_clips_with_a_pt_and_fitted_normalisation()
    {
        string root = RepoPaths.Shared("dcase2020-task2-dev-sample");
        using var folder = new TempFolder();
        var (metrics, scores) = AnomalyLab.Scoring.DcaseScoring.Evaluate(Tiny, root, "slider", folder.Path, "cpu", normalization: InputNormalization.FitOnTraining);
        Assert.NotEmpty(metrics.Rows);
        Assert.All(scores, s => Assert.True(double.IsFinite(s.Score)));
        Assert.True(File.Exists(folder.File("result.csv")));

        using LoadedCheckpoint fitted = AnomalyLab.Scoring.ModelLoader.Load(Tiny, InputNormalization.FitOnTraining, root, "slider");
        Assert.InRange(fitted.Metadata.Normalization.GlobalStd, 1, 40);
        Assert.Contains("fit on training clips", fitted.Metadata.DataDescription);
    }

    [Fact]
    public void Study_and_evaluate_refuse_a_pt_without_a_normalisation_choice()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("evaluate", "--model", Tiny, "--machine", "fan", "--out", folder.File("e"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--input-normalization", result.StandardError);
    }

    [Fact]
    public void Study_with_a_pt_records_the_checkpoint_and_normalisation()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("study", "--machine", "fan", "--ids", "id_00", "--model", Tiny, "--input-normalization", "-40,12", "--out", folder.File("s"));
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        string summary = File.ReadAllText(folder.File("s", "summary.json"));
        Assert.Contains("tiny_stage1.pt", summary);
        Assert.Contains("fixed: mean -40 dB, std 12 dB", summary);
    }
}
