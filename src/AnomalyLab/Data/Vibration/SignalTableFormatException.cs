namespace AnomalyLab.Data.Vibration;

/// <summary>A row-per-signal text file is malformed: the message names the file, the 1-based line and column, expected and found.</summary>
public sealed class SignalTableFormatException(string path, long line, int column, string message)
    : FormatException($"{path}: line {line}, column {column}: {message}")
{
    /// <summary>The file.</summary>
    public string FilePath { get; } = path;
    /// <summary>1-based line number.</summary>
    public long Line { get; } = line;
    /// <summary>1-based column (value index within the row).</summary>
    public int Column { get; } = column;
}
