namespace AnomalyLab.Data.Vibration;

/// <summary>A file is not a readable MATLAB v5 MAT-file; the message names the file, the byte offset, expected and found.</summary>
public sealed class MatFileFormatException(string path, long offset, string message)
    : FormatException($"{path}: at byte {offset}: {message}")
{
    /// <summary>The file.</summary>
    public string FilePath { get; } = path;
    /// <summary>Byte offset of the offending element (inside the decompressed stream for compressed elements).</summary>
    public long Offset { get; } = offset;
}
