using System.Text;

namespace AnomalyLab.Data;

/// <summary>Checks the 128-byte header of a MATLAB level-5 <c>.mat</c> file (CWRU bearing data) without reading the variables.</summary>
public static class MatFileHeader
{
    /// <summary>Throws when <paramref name="path"/> is not a MATLAB 5 MAT-file; returns the header text otherwise.</summary>
    /// <exception cref="InvalidDataException">Too short, wrong text or wrong endian indicator (the message names the file).</exception>
    public static string Check(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[128];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length) throw new InvalidDataException($"{path}: {read} bytes, too short for a MAT-file header (128 bytes).");
        string text = Encoding.ASCII.GetString(header, 0, 116).TrimEnd('\0', ' ');
        if (!text.StartsWith("MATLAB 5.0 MAT-file", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: not a MATLAB 5 MAT-file: header text starts '{Printable(text[..Math.Min(20, text.Length)])}', expected 'MATLAB 5.0 MAT-file'.");
        string endian = Encoding.ASCII.GetString(header, 126, 2);
        if (endian is not ("IM" or "MI")) throw new InvalidDataException($"{path}: MAT-file endian indicator is '{Printable(endian)}', expected 'IM' or 'MI'.");
        return text;
    }

    private static string Printable(string text) => new(text.Select(c => c is >= ' ' and < '\x7f' ? c : '?').ToArray());
}
