using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Models.VqVae2;

/// <summary>
/// The PyTorch state dict of the seed's Stage 1 (semcom-sDSR <c>VQ_VAE_2Layer</c>, written from reading its module
/// layout, not copied) ↔ our <see cref="VqVae2Network"/> in the <see cref="VqVae2Layout.Sdsr"/> layout: key names
/// (<c>_encoder_bot._conv1.weight</c> ↔ <c>encoder_b.down1.weight</c>, …), hyper-parameters inferred from the tensor
/// shapes, and strict loading that names every missing, unused or misshapen entry. Pure over the dictionaries it is
/// given; reading and writing files is <see cref="IO.PyTorchStateDictFile"/>'s job.
/// </summary>
public static partial class SdsrStateDict
{
    // Our key prefix → the seed's, longest first where one is a prefix of another.
    private static readonly (string Ours, string Seed)[] Prefixes =
    [
        ("encoder_b.down1.", "_encoder_bot._conv1."),
        ("encoder_b.down2.", "_encoder_bot._conv2."),
        ("encoder_b.conv.", "_encoder_bot._conv3."),
        ("encoder_b.residual.", "_encoder_bot._residual."),
        ("encoder_t.down.", "_encoder_top._conv1."),
        ("encoder_t.conv.", "_encoder_top._conv2."),
        ("encoder_t.residual.", "_encoder_top._residual."),
        ("pre_vq_top.", "_pre_vq_conv_top."),
        ("pre_vq_bottom.", "_pre_vq_conv_bot."),
        ("vq_top.", "_vq_top."),
        ("vq_bottom.", "_vq_bot."),
        ("decoder_t.conv.", "_decoder_top._conv."),
        ("decoder_t.residual.", "_decoder_top._residual."),
        ("decoder_t.up.", "_decoder_top._conv_trans."),
        ("decoder.conv.", "_decoder_bot._conv."),
        ("decoder.residual.", "_decoder_bot._residual."),
        ("decoder.up1.", "_decoder_bot._conv_trans1."),
        ("decoder.up2.", "_decoder_bot._conv_trans2."),
    ];

    // Inside a quantiser and a residual stack.
    private static readonly (string Ours, string Seed)[] Leaves =
    [
        ("embedding", "_embedding.weight"),
        ("ema_w", "_ema_w"),
        ("ema_cluster_size", "_ema_cluster_size"),
        ("conv3.weight", "_block.1.weight"),
        ("conv1.weight", "_block.3.weight"),
    ];

    /// <summary>The seed's name of one of our <see cref="VqVae2Layout.Sdsr"/> state-dict keys.</summary>
    /// <exception cref="ArgumentException">A key the seed's class has no counterpart for (e.g. DSR's <c>upsample_t</c>).</exception>
    public static string SeedKey(string ourKey)
    {
        foreach (var (ours, seed) in Prefixes)
        {
            if (!ourKey.StartsWith(ours, StringComparison.Ordinal)) continue;
            string rest = ourKey[ours.Length..];
            Match block = ResidualKey().Match(rest);
            if (block.Success)
            {
                string leaf = Leaves.FirstOrDefault(l => l.Ours == block.Groups[2].Value).Seed
                    ?? throw new ArgumentException($"No seed counterpart for '{ourKey}'.", nameof(ourKey));
                return $"{seed}_layers.{block.Groups[1].Value}.{leaf}";
            }
            string? mapped = Leaves.FirstOrDefault(l => l.Ours == rest).Seed;
            return seed + (mapped ?? rest);
        }
        throw new ArgumentException($"No seed counterpart for '{ourKey}' (only the Sdsr layout maps onto VQ_VAE_2Layer).", nameof(ourKey));
    }

    /// <summary>
    /// The options of the network that <paramref name="shapes"/> (seed key → tensor shape) describe: input channels,
    /// hidden and residual channels, residual layers, both codebook sizes and the codeword length. Commitment cost, decay
    /// and ε are not in a state dict and keep <see cref="VqVae2Options.Sdsr"/>'s values (0.25, 0.99, 1e-5); input height and
    /// width default to 128 × 320 (the network is convolutional: any multiple of 8 runs).
    /// </summary>
    /// <exception cref="InvalidDataException">A key needed to infer a setting is absent or has an unexpected rank; the message lists all of them.</exception>
    public static VqVae2Options InferOptions(IReadOnlyDictionary<string, long[]> shapes, string source)
    {
        var problems = new List<string>();
        long Dim(string key, int rank, int axis)
        {
            if (!shapes.TryGetValue(key, out long[]? shape)) { problems.Add($"missing '{key}'"); return 0; }
            if (shape.Length != rank) { problems.Add($"'{key}' has shape [{string.Join(", ", shape)}], expected rank {rank}"); return 0; }
            return shape[axis];
        }
        if (!shapes.ContainsKey("_decoder_top._conv.weight") && shapes.Keys.Any(k => k.StartsWith("_encoder_fine.", StringComparison.Ordinal)))
            throw new InvalidDataException($"{source}: this is the later semcom-sDSR layout (_encoder_fine/_encoder_coarse with BatchNorm); only the VQ_VAE_2Layer(num_hiddens, …) layout of commit 65dfd9d is supported.");
        long inputChannels = Dim("_encoder_bot._conv1.weight", 4, 1);
        long hiddens = Dim("_encoder_bot._conv2.weight", 4, 0);
        long topCodes = Dim("_vq_top._embedding.weight", 2, 0);
        long dim = Dim("_vq_top._embedding.weight", 2, 1);
        long bottomCodes = Dim("_vq_bot._embedding.weight", 2, 0);
        Dim("_decoder_top._conv.weight", 4, 0);
        int layers = shapes.Keys.Select(k => ResidualLayerKey().Match(k)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value) + 1).DefaultIfEmpty(0).Max();
        long residualHiddens = layers > 0 ? Dim("_encoder_bot._residual._layers.0._block.1.weight", 4, 0) : VqVae2Options.Sdsr.NumResidualHiddens;
        if (problems.Count > 0)
            throw new InvalidDataException($"{source}: not a semcom-sDSR VQ_VAE_2Layer state dict: {string.Join("; ", problems)}.");
        try
        {
            return (VqVae2Options.Sdsr with
            {
                InputChannels = checked((int)inputChannels),
                NumHiddens = checked((int)hiddens),
                NumResidualLayers = layers,
                NumResidualHiddens = checked((int)residualHiddens),
                NumEmbeddingsTop = checked((int)topCodes),
                NumEmbeddingsBottom = checked((int)bottomCodes),
                EmbeddingDim = checked((int)dim),
            }).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the tensor shapes describe an impossible network: {e.Message}", e);
        }
    }

    /// <summary>
    /// Builds a <see cref="VqVae2Layout.Sdsr"/> network from a seed state dict (CPU, eval mode). Strict: every entry of
    /// <paramref name="stateDict"/> is used and every tensor of the network is set, with the same shape.
    /// The tensors are copied; the caller keeps ownership of <paramref name="stateDict"/>.
    /// </summary>
    /// <param name="stateDict">Seed key → tensor (float32 or another floating type, converted).</param>
    /// <param name="source">File name for messages.</param>
    /// <exception cref="InvalidDataException">Missing, unused or misshapen entries (all listed), or shapes no network has.</exception>
    public static VqVae2Network Import(IReadOnlyDictionary<string, Tensor> stateDict, string source)
    {
        VqVae2Options options = InferOptions(stateDict.ToDictionary(p => p.Key, p => p.Value.shape), source);
        var network = new VqVae2Network(options);
        try
        {
            var ours = network.state_dict();
            var expected = ours.Keys.ToDictionary(SeedKey, k => k);
            var missing = expected.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
            var unused = stateDict.Keys.Where(k => !expected.ContainsKey(k)).ToList();
            var misshapen = expected.Where(p => stateDict.ContainsKey(p.Key) && !stateDict[p.Key].shape.SequenceEqual(ours[p.Value].shape))
                .Select(p => $"{p.Key} [{string.Join(", ", stateDict[p.Key].shape)}] (expected [{string.Join(", ", ours[p.Value].shape)}])").ToList();
            if (missing.Count + unused.Count + misshapen.Count > 0)
            {
                var parts = new List<string>();
                if (missing.Count > 0) parts.Add($"missing {missing.Count}: {string.Join(", ", missing)}");
                if (unused.Count > 0) parts.Add($"unused {unused.Count}: {string.Join(", ", unused)}");
                if (misshapen.Count > 0) parts.Add($"misshapen {misshapen.Count}: {string.Join(", ", misshapen)}");
                throw new InvalidDataException($"{source}: the state dict does not fit VQ_VAE_2Layer with the inferred settings " +
                    $"(h {options.NumHiddens}, residual {options.NumResidualLayers}×{options.NumResidualHiddens}, codes top {options.NumEmbeddingsTop} / bottom {options.NumEmbeddingsBottom}, D {options.EmbeddingDim}): {string.Join("; ", parts)}.");
            }
            using (no_grad())
            {
                foreach (var (seedKey, ourKey) in expected)
                    ours[ourKey].copy_(stateDict[seedKey].to(ours[ourKey].dtype));
            }
            network.eval();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The state dict of <paramref name="network"/> under the seed's key names, modules in the seed's order, ready for
    /// <c>VQ_VAE_2Layer.load_state_dict(…, strict=True)</c>. The tensors are detached CPU copies owned by the caller.
    /// </summary>
    /// <exception cref="ArgumentException">A <see cref="VqVae2Layout.Dsr"/> network: the seed's class cannot express its transposed-convolution up-sampling.</exception>
    public static Dictionary<string, Tensor> Export(VqVae2Network network)
    {
        if (network.Options.Layout != VqVae2Layout.Sdsr)
            throw new ArgumentException(
                "Only a VQ-VAE-2 in the Sdsr layout (the seed's VQ_VAE_2Layer) can be exported to PyTorch; this one has the DSR layout " +
                "(a transposed convolution up-samples the top codes, which VQ_VAE_2Layer does not have). Train with --layout sdsr.", nameof(network));
        var result = new Dictionary<string, Tensor>();
        // Our modules are declared in VQ_VAE_2Layer's constructor order, so the entries come out in the seed's order.
        foreach (var (key, value) in network.state_dict())
            result[SeedKey(key)] = value.detach().cpu().clone();
        return result;
    }

    [GeneratedRegex(@"^blocks\.(\d+)\.(.+)$")]
    private static partial Regex ResidualKey();

    [GeneratedRegex(@"^_encoder_bot\._residual\._layers\.(\d+)\.")]
    private static partial Regex ResidualLayerKey();
}
