using System.Globalization;

namespace AnomalyLab.Data.Vibration;

/// <summary>
/// Reads "one signal per row" text files — the Airbus helicopter accelerometer format (each row one 1-minute signal of
/// 61,440 samples at 1024 Hz), and any other length. Cells are separated by commas, semicolons, tabs or spaces (runs of
/// whitespace count as one separator); empty lines are skipped; numbers use the invariant culture. Rows are streamed one
/// line at a time, so files larger than memory can be processed row by row.
/// </summary>
public static class SignalTableReader
{
    private static readonly char[] Separators = [',', ';', ' ', '\t'];

    /// <summary>
    /// Streams the rows of <paramref name="path"/>. Every row must have the length of the first one (or
    /// <paramref name="expectedLength"/> when given).
    /// </summary>
    /// <returns>One <c>[length]</c> array per non-empty line, in file order.</returns>
    /// <exception cref="SignalTableFormatException">A row is ragged or a cell is not a number (line and column named).</exception>
    public static IEnumerable<double[]> ReadRows(string path, int? expectedLength = null)
    {
        using var reader = new StreamReader(path);
        int? length = expectedLength;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var row = ParseLine(path, lineNumber, line, length);
            length ??= row.Length;
            yield return row;
        }
    }

    /// <summary>Reads every row into a matrix <c>[signals, length]</c>.</summary>
    /// <exception cref="SignalTableFormatException">As <see cref="ReadRows"/>; also when the file has no rows.</exception>
    public static double[,] ReadAll(string path, int? expectedLength = null)
    {
        var rows = ReadRows(path, expectedLength).ToList();
        if (rows.Count == 0) throw new SignalTableFormatException(path, 1, 1, "expected at least one row of numbers, found none.");
        var result = new double[rows.Count, rows[0].Length];
        for (int r = 0; r < rows.Count; r++) for (int c = 0; c < rows[r].Length; c++) result[r, c] = rows[r][c];
        return result;
    }

    private static double[] ParseLine(string path, long lineNumber, string line, int? length)
    {
        bool comma = line.Contains(',') || line.Contains(';');
        var cells = comma ? line.Split([',', ';']) : line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (length is int expected && cells.Length != expected)
            throw new SignalTableFormatException(path, lineNumber, Math.Min(cells.Length, expected) + 1,
                $"ragged row: expected {expected} values, found {cells.Length}.");
        var values = new double[cells.Length];
        for (int c = 0; c < cells.Length; c++)
        {
            var cell = cells[c].AsSpan().Trim();
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
                throw new SignalTableFormatException(path, lineNumber, c + 1, $"expected a number, found '{cell.ToString()}'.");
        }
        return values;
    }
}
