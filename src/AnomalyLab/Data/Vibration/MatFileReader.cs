using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using AnomalyLab.IO;

namespace AnomalyLab.Data.Vibration;

/// <summary>
/// Reads real numeric arrays from MATLAB Level 5 MAT-files (the format of the CWRU bearing data): the 128-byte header,
/// then data elements; <c>miMATRIX</c> elements of class double, single, int8…uint64 (stored with any numeric data type,
/// as MATLAB narrows storage) are returned, <c>miCOMPRESSED</c> (zlib) elements are inflated; little- and big-endian files.
/// Cell, struct, char, sparse, complex and logical arrays are skipped. Format: MathWorks "MAT-File Format" (v5/v7).
/// Untrusted sizes are checked before use: every element must fit the bytes that remain, dimensions must be 0 or more,
/// a compressed element may not hold another compressed element, and inflation is bounded by <see cref="DecompressionLimits"/>.
/// </summary>
public static class MatFileReader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;

    private static readonly Dictionary<int, string> NumericClasses = new()
    {
        [6] = "double", [7] = "single", [8] = "int8", [9] = "uint8", [10] = "int16", [11] = "uint16",
        [12] = "int32", [13] = "uint32", [14] = "int64", [15] = "uint64",
    };

    /// <summary>Every real numeric variable of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="MatFileFormatException">Not a v5 MAT-file, a truncated / malformed element, or compressed data past <paramref name="limits"/>.</exception>
    public static IReadOnlyList<MatArray> ReadAll(string path, DecompressionLimits? limits = null)
    {
        limits = (limits ?? DecompressionLimits.Default with { MaxExpandedBytes = 1L << 30 }).Validate(); // one in-memory buffer: 1 GiB at most by default
        InputPaths.RequireRegularFile(path, "MAT-file");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 128) throw new MatFileFormatException(path, 0, $"expected a 128-byte MAT v5 header, file has {bytes.Length} bytes.");
        string endian = Encoding.ASCII.GetString(bytes, 126, 2);
        bool bigEndian = endian switch
        {
            "IM" => false,
            "MI" => true,
            _ => throw new MatFileFormatException(path, 126, $"expected endian indicator 'IM' or 'MI' (MAT v5), found '{endian}' (MAT v4 or v7.3/HDF5 files are not supported)."),
        };
        var result = new List<MatArray>();
        long expanded = 0;
        ReadElements(path, bytes, 128, bigEndian, result, compressed: false, limits, ref expanded);
        return result;
    }

    /// <summary>One variable by name.</summary>
    /// <exception cref="KeyNotFoundException">No real numeric variable of that name; the message lists the ones present.</exception>
    public static MatArray Read(string path, string name)
    {
        var all = ReadAll(path);
        return all.FirstOrDefault(a => a.Name == name)
            ?? throw new KeyNotFoundException($"{path}: no numeric variable '{name}' (found: {string.Join(", ", all.Select(a => a.Name))}).");
    }

    private static void ReadElements(string path, byte[] data, int start, bool bigEndian, List<MatArray> result, bool compressed, DecompressionLimits limits, ref long expanded)
    {
        int offset = start;
        while (offset + 8 <= data.Length)
        {
            var (type, size, payload, next) = Tag(path, data, offset, bigEndian);
            if (type == MiCompressed)
            {
                // MATLAB compresses whole top-level variables; a compressed element inside one is malformed (and a nesting bomb).
                if (compressed) throw new MatFileFormatException(path, offset, "miCOMPRESSED element inside a compressed element; MAT-files do not nest compression.");
                using var input = new ZLibStream(new MemoryStream(data, payload, size), CompressionMode.Decompress);
                using var inflated = new MemoryStream();
                try { limits.Copy(input, inflated, data.Length, ref expanded, path); }
                catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
                {
                    throw new MatFileFormatException(path, offset, $"corrupt zlib data in miCOMPRESSED element: {e.Message}");
                }
                catch (InvalidDataException e)
                {
                    throw new MatFileFormatException(path, offset, e.Message[(path.Length + 2)..]);
                }
                ReadElements(path, inflated.ToArray(), 0, bigEndian, result, compressed: true, limits, ref expanded);
                offset = payload + size;   // compressed elements are not padded
                continue;
            }
            if (type == MiMatrix && size > 0)
            {
                var array = ParseMatrix(path, data, payload, payload + size, bigEndian);
                if (array != null) result.Add(array);
            }
            offset = next;
        }
    }

    private static (int Type, int Size, int Payload, int Next) Tag(string path, byte[] data, int offset, bool bigEndian)
    {
        if (offset < 0 || (long)offset + 8 > data.Length)
            throw new MatFileFormatException(path, offset, $"expected an 8-byte element tag, only {Math.Max(0, data.Length - offset)} bytes remain (truncated file?).");
        uint first = ReadUInt32(data, offset, bigEndian);
        if ((first >> 16) != 0)   // small data element: size in the upper half, ≤ 4 bytes of data inline
        {
            int small = (int)(first >> 16);
            if (small > 4) throw new MatFileFormatException(path, offset, $"small data element declares {small} bytes; at most 4 fit inline.");
            return ((int)(first & 0xFFFF), small, offset + 4, offset + 8);
        }
        uint declared = ReadUInt32(data, offset + 4, bigEndian);
        int payload = offset + 8;
        if (payload + (long)declared > data.Length)
            throw new MatFileFormatException(path, offset, $"element of type {first} declares {declared} bytes, only {data.Length - payload} remain (truncated file?).");
        int size = (int)declared;
        return ((int)first, size, payload, (int)Math.Min(payload + (((long)size + 7) & ~7L), data.Length));
    }

    private static MatArray? ParseMatrix(string path, byte[] data, int offset, int end, bool bigEndian)
    {
        var (flagsType, flagsSize, flagsPayload, next) = Tag(path, data, offset, bigEndian);
        if (flagsType != MiUInt32 || flagsSize < 4) throw new MatFileFormatException(path, offset, $"expected array flags (miUINT32, 8 bytes) in miMATRIX, found type {flagsType} of {flagsSize} bytes.");
        uint flags = ReadUInt32(data, flagsPayload, bigEndian);
        int arrayClass = (int)(flags & 0xFF);
        bool complex = (flags & 0x800) != 0, logical = (flags & 0x200) != 0;
        var (dimsType, dimsSize, dimsPayload, afterDims) = Tag(path, data, next, bigEndian);
        if (dimsType != MiInt32) throw new MatFileFormatException(path, next, $"expected dimensions (miINT32), found type {dimsType}.");
        var dims = new int[dimsSize / 4];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = (int)ReadUInt32(data, dimsPayload + 4 * i, bigEndian);
            if (dims[i] < 0) throw new MatFileFormatException(path, dimsPayload + 4 * i, $"dimension {i} is {dims[i]}; dimensions must be 0 or more.");
        }
        var (nameType, nameSize, namePayload, afterName) = Tag(path, data, afterDims, bigEndian);
        if (nameType != MiInt8) throw new MatFileFormatException(path, afterDims, $"expected array name (miINT8), found type {nameType}.");
        string name = Encoding.ASCII.GetString(data, namePayload, nameSize);
        if (!NumericClasses.TryGetValue(arrayClass, out var className) || complex || logical) return null;
        var (realType, realSize, realPayload, _) = Tag(path, data, afterName, bigEndian);
        long count = 1;
        foreach (int d in dims) count = count == 0 || d == 0 ? 0 : count > int.MaxValue / d ? long.MaxValue / 16 : count * d;
        int width = Width(realType) ?? throw new MatFileFormatException(path, afterName, $"variable '{name}': unsupported numeric storage type {realType}.");
        if (count > int.MaxValue || (long)realSize != count * width)
            throw new MatFileFormatException(path, afterName, $"variable '{name}': dimensions [{string.Join("x", dims)}] need {count * width} bytes of type {realType}, element has {realSize}.");
        if (realPayload + realSize > end) throw new MatFileFormatException(path, afterName, $"variable '{name}' overruns its miMATRIX element.");
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = ReadNumber(data, realPayload + i * width, realType, bigEndian);
        return new MatArray(name, className, dims, values);
    }

    private static int? Width(int type) => type switch
    {
        MiInt8 or MiUInt8 => 1,
        MiInt16 or MiUInt16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => null,
    };

    private static double ReadNumber(byte[] data, int offset, int type, bool bigEndian)
    {
        var s = data.AsSpan(offset);
        return type switch
        {
            MiInt8 => (sbyte)s[0],
            MiUInt8 => s[0],
            MiInt16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
            MiUInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
            MiInt32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
            MiUInt32 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
            MiSingle => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s),
            MiDouble => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s),
            MiInt64 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
            _ => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
        };
    }

    private static uint ReadUInt32(byte[] data, int offset, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
}
