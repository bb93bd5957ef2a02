using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AnomalyLab.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0/2.0/3.0 read, 1.0 written), little-endian float32, float64
/// and int32/int64; written in C order, read in C or Fortran order (returned in C order). What Python users open with <c>numpy.load</c>.
/// </summary>
public static partial class NpyFile
{
    // "\x93NUMPY" as bytes: a C# string literal would encode U+0093 as two UTF-8 bytes.
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a 2-D float32 array, shape <c>[rows, cols]</c>, atomically.</summary>
    public static void Write(string path, float[,] values) =>
        AtomicFile.Write(path, stream => WriteTo(stream, values));

    /// <summary>Writes a float32 array of any shape (C order) atomically.</summary>
    public static void Write(string path, ReadOnlySpan<float> values, params int[] shape)
    {
        float[] copy = values.ToArray();
        AtomicFile.Write(path, stream => WriteTo(stream, copy, shape));
    }

    /// <summary>Writes a float64 array of any shape (C order) atomically.</summary>
    public static void Write(string path, ReadOnlySpan<double> values, params int[] shape)
    {
        double[] copy = values.ToArray();
        WriteEightByte(path, "<f8", shape, copy.Length, (span, i) => BinaryPrimitives.WriteDoubleLittleEndian(span, copy[i]));
    }

    /// <summary>Writes an int64 array of any shape (C order) atomically (e.g. code indices, what PyTorch's <c>argmin</c> gives).</summary>
    public static void Write(string path, ReadOnlySpan<long> values, params int[] shape)
    {
        long[] copy = values.ToArray();
        WriteEightByte(path, "<i8", shape, copy.Length, (span, i) => BinaryPrimitives.WriteInt64LittleEndian(span, copy[i]));
    }

    /// <summary>Writes <paramref name="count"/> eight-byte little-endian values of dtype <paramref name="descr"/> atomically.</summary>
    private static void WriteEightByte(string path, string descr, int[] shape, int count, SpanAction<byte, int> write) =>
        AtomicFile.Write(path, stream =>
        {
            WriteHeader(stream, descr, shape, count);
            var buffer = new byte[count * 8];
            for (int i = 0; i < count; i++) write(buffer.AsSpan(i * 8, 8), i);
            stream.Write(buffer);
        });

    /// <summary>Writes a 2-D float32 array to an open stream.</summary>
    public static void WriteTo(Stream stream, float[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var flat = new float[rows * cols];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        WriteTo(stream, flat, rows, cols);
    }

    /// <summary>Writes a float32 array of the given shape to an open stream.</summary>
    public static void WriteTo(Stream stream, ReadOnlySpan<float> values, params int[] shape)
    {
        WriteHeader(stream, "<f4", shape, values.Length);
        var buffer = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), values[i]);
        stream.Write(buffer);
    }

    private static void WriteHeader(Stream stream, string descr, int[] shape, long count)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != count) throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {expected} values, {count} given.");
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = 10 + dict.Length + 1;
        int padding = (64 - total % 64) % 64;
        string header = dict + new string(' ', padding) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>Reads a .npy file as float32 (float64 and integer arrays are converted), with its shape.</summary>
    /// <exception cref="InvalidDataException">Not a .npy file, unsupported dtype, or truncated; the message names the file.</exception>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: .npy file not found.", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a .npy image from <paramref name="stream"/>; <paramref name="name"/> labels errors.</summary>
    public static NpyArray Read(Stream stream, string name)
    {
        NpyHeader header = ReadHeader(stream, name);
        var values = new float[header.Count];
        ReadValues(stream, name, header, values);
        return new NpyArray(header.Fortran ? FortranToC(values, header.Shape) : values, header.Shape);
    }

    /// <summary>
    /// Reads a C-order .npy file into <paramref name="destination"/> (no allocation of the values; for reading many
    /// same-shape arrays into one reused buffer). Returns the shape.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a .npy file, Fortran order, a value count other than the destination's, or truncated.</exception>
    public static int[] ReadInto(string path, Span<float> destination)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: .npy file not found.", path);
        using var stream = File.OpenRead(path);
        NpyHeader header = ReadHeader(stream, path);
        if (header.Fortran) throw new InvalidDataException($"{path}: Fortran-order array; ReadInto reads C order only (use Read).");
        if (header.Count != destination.Length)
            throw new InvalidDataException($"{path}: holds {header.Count} values (shape ({string.Join(", ", header.Shape)})), the destination {destination.Length}.");
        ReadValues(stream, path, header, destination);
        return header.Shape;
    }

    private sealed record NpyHeader(string Descr, bool Fortran, int[] Shape, long Count, int ItemSize);

    private static NpyHeader ReadHeader(Stream stream, string name)
    {
        Span<byte> magic = stackalloc byte[8];
        if (stream.ReadAtLeast(magic, 8, throwOnEndOfStream: false) < 8 || !magic[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"{name}: not a NumPy .npy file (magic '\\x93NUMPY' missing).");
        int major = magic[6];
        long headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            if (stream.ReadAtLeast(len, len.Length, throwOnEndOfStream: false) < len.Length)
                throw new InvalidDataException($"{name}: .npy file ends inside its header-length field (byte 8).");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            if (stream.ReadAtLeast(len, len.Length, throwOnEndOfStream: false) < len.Length)
                throw new InvalidDataException($"{name}: .npy file ends inside its header-length field (byte 8).");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(len);
        }
        else throw new InvalidDataException($"{name}: .npy format version {major} is not supported (1, 2, 3 are).");
        if (headerLength > 1 << 20) throw new InvalidDataException($"{name}: .npy header of {headerLength} bytes is implausible (at most 1 MiB).");
        var headerBytes = new byte[headerLength];
        int headerRead = stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false);
        if (headerRead < headerBytes.Length)
            throw new InvalidDataException($"{name}: truncated .npy header: it declares {headerLength} bytes, the file holds {headerRead} after the length field.");
        string header = Encoding.ASCII.GetString(headerBytes);
        string descr = DescrPattern().Match(header) is { Success: true } d ? d.Groups[1].Value : throw new InvalidDataException($"{name}: .npy header has no 'descr'.");
        bool fortran = FortranPattern().IsMatch(header);
        Match shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success) throw new InvalidDataException($"{name}: .npy header has no 'shape'.");
        string[] dimensions = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new int[dimensions.Length];
        long count = 1;
        for (int axis = 0; axis < dimensions.Length; axis++)
        {
            // A dimension must be a count that fits an array; the product is bounded step by step so it cannot overflow.
            if (!long.TryParse(dimensions[axis].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out long size))
                throw new InvalidDataException($"{name}: .npy shape ({shapeMatch.Groups[1].Value.Trim()}) has dimension {axis} = '{dimensions[axis]}', expected a count of 0 or more.");
            if (size > int.MaxValue)
                throw new InvalidDataException($"{name}: .npy shape ({shapeMatch.Groups[1].Value.Trim()}) has dimension {axis} = {size}, more than one array holds.");
            shape[axis] = (int)size;
            count = size == 0 || count == 0 ? 0 : count > long.MaxValue / size ? long.MaxValue : count * size;
        }
        int itemSize = descr switch
        {
            "<f4" or "<i4" => 4,
            "<f8" or "<i8" => 8,
            _ => throw new InvalidDataException($"{name}: dtype '{descr}' is not supported (little-endian float32/float64/int32/int64 are)."),
        };
        if (count > int.MaxValue / itemSize)
            throw new InvalidDataException($"{name}: shape ({string.Join(", ", shape)}) holds more values than one array can ({int.MaxValue / itemSize} of {itemSize} bytes).");
        // Check the data is there before allocating for it: a lying header must not cost gigabytes.
        if (stream.CanSeek && stream.Length - stream.Position < count * itemSize)
            throw new InvalidDataException($"{name}: truncated .npy data: header promises {count * itemSize} bytes, {stream.Length - stream.Position} present.");
        return new NpyHeader(descr, fortran, shape, count, itemSize);
    }

    /// <summary>Reads the header's values (stored order) into <paramref name="values"/> (length = header count) as float32.</summary>
    private static void ReadValues(Stream stream, string name, NpyHeader header, Span<float> values)
    {
        int bytes = (int)(header.Count * header.ItemSize);
        if (header.Descr == "<f4" && BitConverter.IsLittleEndian)
        {
            // Straight into the result: no staging buffer, no per-element conversion.
            int got = stream.ReadAtLeast(MemoryMarshal.AsBytes(values), bytes, throwOnEndOfStream: false);
            if (got < bytes) throw new InvalidDataException($"{name}: truncated .npy data: header promises {bytes} bytes, {got} present.");
            return;
        }
        var raw = new byte[bytes];
        int read = stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
        if (read < raw.Length) throw new InvalidDataException($"{name}: truncated .npy data: header promises {raw.Length} bytes, {read} present.");
        Convert(raw, header.Descr, values);
    }

    /// <summary>Converts little-endian <paramref name="descr"/> items in <paramref name="raw"/> to float32.</summary>
    private static void Convert(byte[] raw, string descr, Span<float> values)
    {
        switch (descr)
        {
            case "<f4":
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
                break;
            case "<f8":
                for (int i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * 8));
                break;
            case "<i4":
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(i * 4));
                break;
            default:
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i * 8));
                break;
        }
    }

    /// <summary>Reorders column-major (Fortran) values into row-major (C) order for the same shape.</summary>
    private static float[] FortranToC(float[] values, int[] shape)
    {
        if (shape.Length < 2) return values;
        var result = new float[values.Length];
        var fortranStrides = new long[shape.Length];
        long stride = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            fortranStrides[d] = stride;
            stride *= shape[d];
        }
        var index = new int[shape.Length];
        for (long c = 0; c < values.LongLength; c++)
        {
            long f = 0;
            for (int d = 0; d < shape.Length; d++) f += index[d] * fortranStrides[d];
            result[c] = values[f];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

/// <summary>A .npy array read as float32: flat C-order values and the shape.</summary>
/// <param name="Values">Values in C order.</param>
/// <param name="Shape">Dimensions.</param>
public sealed record NpyArray(float[] Values, int[] Shape)
{
    /// <summary>The array as 2-D <c>[rows, cols]</c>; a 1-D array becomes one row.</summary>
    /// <exception cref="InvalidDataException">More than two dimensions.</exception>
    public float[,] To2D()
    {
        (int rows, int cols) = Shape.Length switch
        {
            1 => (1, Shape[0]),
            2 => (Shape[0], Shape[1]),
            _ => throw new InvalidDataException($"expected a 1-D or 2-D array, found shape ({string.Join(", ", Shape)})."),
        };
        var result = new float[rows, cols];
        Buffer.BlockCopy(Values, 0, result, 0, Values.Length * sizeof(float));
        return result;
    }
}
