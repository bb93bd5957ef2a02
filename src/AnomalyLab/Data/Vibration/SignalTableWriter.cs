using System.Globalization;
using AnomalyLab.IO;

namespace AnomalyLab.Data.Vibration;

/// <summary>Writes row-per-signal text files (space-separated, invariant culture, round-trip precision) atomically.</summary>
public static class SignalTableWriter
{
    /// <summary>Writes each row of <paramref name="signals"/> (<c>[signals, length]</c>) as one line.</summary>
    public static void Write(string path, IEnumerable<double[]> signals, char separator = ' ')
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var row in signals)
            {
                for (int i = 0; i < row.Length; i++)
                {
                    if (i > 0) writer.Write(separator);
                    writer.Write(row[i].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        });
    }
}
