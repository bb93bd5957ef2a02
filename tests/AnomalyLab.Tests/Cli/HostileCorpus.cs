using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Detectors;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Models.StftVae;
using AnomalyLab.Training;
using static TorchSharp.torch;

namespace AnomalyLab.Tests.Cli;

/// <summary>
/// Generates the hostile inputs of issue 15 into a temporary folder: nothing is copied from elsewhere, every file is built
/// byte by byte here (WAVs with NaN or one sample, lying .npy headers, bomb archives, malformed MAT-files, tampered checkpoints).
/// </summary>
internal static class HostileCorpus
{
    /// <summary>A 16 kHz mono tone, 16-bit PCM.</summary>
    public static string Tone(string path, int samples = 16000, int rate = 16000)
    {
        var x = new float[samples];
        for (int i = 0; i < x.Length; i++) x[i] = 0.1f * (float)Math.Sin(2 * Math.PI * 440 * i / rate);
        WavWriter.Write(path, x, rate);
        return path;
    }

    /// <summary>A 32-bit float WAV whose sample <paramref name="index"/> is <paramref name="value"/> (NaN or ±∞).</summary>
    public static string FloatWavWith(string path, float value, int index = 100, int samples = 16000, int channels = 1)
    {
        var x = new float[samples * channels];
        for (int i = 0; i < x.Length; i++) x[i] = 0.1f * (float)Math.Sin(i * 0.05);
        x[index] = value;
        WavWriter.Write(path, x, 16000, channels, WavSampleFormat.IeeeFloat, 32);
        return path;
    }

    /// <summary>A version-1 .npy with a hand-written shape text and <paramref name="dataBytes"/> zero data bytes.</summary>
    public static string NpyWithShape(string path, string shape, int dataBytes = 0)
    {
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";
        string header = dict + new string(' ', (64 - (10 + dict.Length + 1) % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[dataBytes]);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    /// <summary>A version-2 .npy whose 4-byte header length is <paramref name="length"/> and nothing follows.</summary>
    public static string NpyV2WithHeaderLength(string path, uint length)
    {
        var bytes = new byte[12];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), length);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A valid float32 matrix .npy.</summary>
    public static string Matrix(string path, int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * cols];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        NpyFile.Write(path, values, rows, cols);
        return path;
    }

    /// <summary>A zip holding one entry of <paramref name="zeros"/> zero bytes (a compression bomb of ratio ~1000).</summary>
    public static string ZipBomb(string path, long zeros)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using Stream entry = zip.CreateEntry("fan/train/normal_id_00_00000000.wav", CompressionLevel.SmallestSize).Open();
        var block = new byte[1 << 16];
        for (long written = 0; written < zeros; written += block.Length) entry.Write(block, 0, (int)Math.Min(block.Length, zeros - written));
        return path;
    }

    /// <summary>A .tar.gz holding one file of <paramref name="zeros"/> zero bytes.</summary>
    public static string TarGzBomb(string path, long zeros)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new System.Formats.Tar.TarWriter(gzip);
        var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "zeros.bin") { DataStream = new MemoryStream(new byte[zeros]) };
        writer.WriteEntry(entry);
        return path;
    }

    /// <summary>A zip in which <paramref name="name"/> appears twice.</summary>
    public static string ZipWithDuplicate(string path, string name)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        for (int copy = 0; copy < 2; copy++)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write($"copy {copy}");
        }
        return path;
    }

    /// <summary>A MAT v5 file: the 128-byte header then <paramref name="elements"/> (little-endian).</summary>
    public static string Mat(string path, params byte[][] elements)
    {
        var bytes = new List<byte>();
        byte[] header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, hostile corpus").CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), 0x0100);
        Encoding.ASCII.GetBytes("IM").CopyTo(header, 126);
        bytes.AddRange(header);
        foreach (byte[] element in elements) bytes.AddRange(element);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    /// <summary>A tag of type <paramref name="type"/> declaring <paramref name="size"/> bytes, followed by <paramref name="payload"/>.</summary>
    public static byte[] MatElement(int type, uint size, byte[]? payload = null)
    {
        var bytes = new byte[8 + (payload?.Length ?? 0)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), size);
        payload?.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A miMATRIX double array named "x" with dimensions <paramref name="rows"/> × <paramref name="cols"/> and no values.</summary>
    public static byte[] MatMatrix(int rows, int cols, int nameLengthField = -1)
    {
        var body = new List<byte>();
        body.AddRange(MatElement(6, 8, [6, 0, 0, 0, 0, 0, 0, 0]));                 // array flags: class double
        var dims = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(dims, rows);
        BinaryPrimitives.WriteInt32LittleEndian(dims.AsSpan(4), cols);
        body.AddRange(MatElement(5, 8, dims));                                     // dimensions (miINT32)
        if (nameLengthField >= 0)
        {
            var small = new byte[8];                                               // small element: size in the upper half
            BinaryPrimitives.WriteUInt32LittleEndian(small, (uint)(1 | (nameLengthField << 16)));
            small[4] = (byte)'x';
            body.AddRange(small);
        }
        else body.AddRange(MatElement(1, 1, [(byte)'x', 0, 0, 0, 0, 0, 0, 0]));   // name, padded to 8
        body.AddRange(MatElement(9, 0));                                           // real part: no bytes
        return MatElement(14, (uint)body.Count, body.ToArray());
    }

    /// <summary>A miCOMPRESSED element wrapping <paramref name="inner"/> in zlib.</summary>
    public static byte[] MatCompressed(byte[] inner)
    {
        using var memory = new MemoryStream();
        using (var zlib = new ZLibStream(memory, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(inner);
        byte[] compressed = memory.ToArray();
        return MatElement(15, (uint)compressed.Length, compressed);
    }

    /// <summary>A zlib stream of <paramref name="zeros"/> zero bytes inside one miCOMPRESSED element.</summary>
    public static byte[] MatCompressedZeros(long zeros)
    {
        using var memory = new MemoryStream();
        using (var zlib = new ZLibStream(memory, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 16];
            for (long written = 0; written < zeros; written += block.Length) zlib.Write(block, 0, (int)Math.Min(block.Length, zeros - written));
        }
        byte[] compressed = memory.ToArray();
        return MatElement(15, (uint)compressed.Length, compressed);
    }

    /// <summary>Tiny dense-AE options (fast to build and save).</summary>
    public static readonly DenseAutoencoderOptions TinyDense = new() { NMels = 8, ContextFrames = 2, HiddenDim = 16, HiddenLayers = 1, BottleneckDim = 3 };

    /// <summary>A valid checkpoint of an untrained tiny dense autoencoder, changed by <paramref name="tamper"/> before saving.</summary>
    public static string DenseCheckpoint(string path, Func<CheckpointMetadata, CheckpointMetadata>? tamper = null, Action<TrainableModel>? damage = null)
    {
        using TrainableModel model = TrainableModel.Create(ModelKind.DenseAutoencoder, TrainableModel.ToJson(TinyDense));
        damage?.Invoke(model);
        var metadata = new CheckpointMetadata
        {
            Kind = ModelKind.DenseAutoencoder,
            ModelOptions = TrainableModel.ToJson(TinyDense),
            Features = LogMelOptions.Torchaudio with { NMels = 8 },
            Normalization = Standardiser.Global(-40, 10),
            Training = TrainingOptions.For(ModelKind.DenseAutoencoder),
            State = TrainingState.Initial,
        };
        ModelCheckpoint.Save(path, model, tamper?.Invoke(metadata) ?? metadata);
        return path;
    }

    /// <summary>Sets every value of the model's first parameter to NaN.</summary>
    public static void PoisonFirstWeight(TrainableModel model)
    {
        using var noGrad = no_grad();
        model.Network.parameters().First().fill_(double.NaN);
    }

    /// <summary>An untrained STFT-VAE threshold model (tiny conv VAE, default patch) that <c>anomalylab watch</c> loads.</summary>
    public static string WatchModel(string path, Func<StftVaeSettings, StftVaeSettings>? tamper = null)
    {
        StftPatchOptions patch = StftPatchOptions.Default;
        var network = new ConvVaeOptions { Channels = [4, 8, 16], LatentDim = 8, InputChannels = 1, InputHeight = patch.Height, InputWidth = patch.Frames };
        using TrainableModel model = TrainableModel.Create(ModelKind.ConvVae, TrainableModel.ToJson(network));
        var metadata = new CheckpointMetadata
        {
            Kind = ModelKind.ConvVae,
            ModelOptions = TrainableModel.ToJson(network),
            Features = LogMelOptions.Torchaudio,
            Normalization = Standardiser.None,
            Training = TrainingOptions.ConvVaeDefault,
            State = TrainingState.Initial,
            ModelSettings = (tamper ?? (x => x))(new StftVaeSettings
            {
                Patch = patch,
                Segments = SegmentOptions.Default,
                Threshold = new StoredThreshold("mean-std:2", 1.0, "test", "training", 1),
                SourceSampleRates = [16000],
            }).ToJson(),
        };
        ModelCheckpoint.Save(path, model, metadata);
        return path;
    }

    /// <summary>Edits <c>metadata.json</c> inside the checkpoint zip at <paramref name="path"/> as raw JSON (e.g. into an older format's shape).</summary>
    public static void RewriteMetadata(string path, Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        ZipArchiveEntry entry = zip.GetEntry("metadata.json")!;
        System.Text.Json.Nodes.JsonNode metadata;
        using (Stream stream = entry.Open()) metadata = System.Text.Json.Nodes.JsonNode.Parse(stream)!;
        edit(metadata);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("metadata.json").Open());
        writer.Write(metadata.ToJsonString());
    }

    /// <summary>Creates a named pipe (FIFO) with mkfifo(1).</summary>
    public static string Fifo(string path)
    {
        using Process process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"mkfifo {path} failed ({process.ExitCode}).");
        return path;
    }

    /// <summary>The id of a process that has already exited (for "left by a killed run" names).</summary>
    public static int DeadProcessId()
    {
        using Process process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
