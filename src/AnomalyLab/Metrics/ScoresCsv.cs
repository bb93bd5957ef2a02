using System.Globalization;
using System.Text;
using AnomalyLab.IO;

namespace AnomalyLab.Metrics;

/// <summary>
/// The scores CSV every scorer writes and <c>anomalylab evaluate --scores</c> reads: a header naming the columns
/// <c>file,score,label</c> (any order, other columns ignored), one clip per line, label 1 = anomalous, 0 = normal,
/// invariant-culture numbers. The machine id is parsed from the file name (<see cref="ScoredClip.MachineIdOf"/>).
/// </summary>
public static class ScoresCsv
{
    /// <summary>Reads scored clips from <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">
    /// A missing column, a ragged line, a non-numeric cell, or a clip listed twice (duplicate or conflicting labels); the message
    /// names file, line and column or the clips. Not a regular file (e.g. <c>/dev/zero</c>) is refused before reading.
    /// </exception>
    public static IReadOnlyList<ScoredClip> Read(string path)
    {
        InputPaths.RequireRegularFile(path, "scores CSV");
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header is null) throw new InvalidDataException($"{path}: empty file, expected a header 'file,score,label'.");
        string[] names = header.Split(',').Select(n => n.Trim().ToLowerInvariant()).ToArray();
        int fileColumn = Column(names, "file", path), scoreColumn = Column(names, "score", path), labelColumn = Column(names, "label", path);
        var clips = new List<ScoredClip>();
        var firstLine = new Dictionary<string, (int Line, bool Anomalous)>(StringComparer.Ordinal);
        var repeated = new List<string>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] cells = line.Split(',');
            if (cells.Length != names.Length)
                throw new InvalidDataException($"{path}, line {lineNumber}: {cells.Length} cells, the header has {names.Length}.");
            string scoreText = cells[scoreColumn].Trim();
            if (!double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out double score) || !double.IsFinite(score))
                throw new InvalidDataException($"{path}, line {lineNumber}, column 'score': '{scoreText}' is not a finite number.");
            bool anomalous = cells[labelColumn].Trim() switch
            {
                "1" or "1.0" => true,
                "0" or "0.0" => false,
                string other => throw new InvalidDataException($"{path}, line {lineNumber}, column 'label': '{other}' is not 0 (normal) or 1 (anomalous)."),
            };
            string file = cells[fileColumn].Trim();
            if (firstLine.TryGetValue(file, out var first))
            {
                repeated.Add(first.Anomalous == anomalous
                    ? $"'{file}' on lines {first.Line} and {lineNumber}"
                    : $"'{file}' labelled {(first.Anomalous ? 1 : 0)} on line {first.Line} and {(anomalous ? 1 : 0)} on line {lineNumber}");
                continue;
            }
            firstLine[file] = (lineNumber, anomalous);
            clips.Add(ScoredClip.FromFile(file, score, anomalous));
        }
        if (repeated.Count > 0)
            throw new InvalidDataException($"{path}: {repeated.Count} clip row(s) repeat an earlier clip — {string.Join("; ", repeated.Take(3))}{(repeated.Count > 3 ? "; …" : "")}; each clip must be scored once with one label.");
        if (clips.Count == 0) throw new InvalidDataException($"{path}: header only, no scored clips.");
        return clips;
    }

    /// <summary>Writes <c>file,score,label</c> lines for <paramref name="clips"/> atomically (scores round-trip exactly).</summary>
    public static void Write(string path, IEnumerable<ScoredClip> clips)
    {
        var text = new StringBuilder("file,score,label\n");
        foreach (ScoredClip clip in clips)
        {
            if (clip.File.Contains(',')) throw new ArgumentException($"file name '{clip.File}' contains a comma, which the scores CSV cannot hold.");
            text.Append(CultureInfo.InvariantCulture, $"{clip.File},{clip.Score:R},{(clip.Anomalous ? 1 : 0)}\n");
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes <c>index,score</c> lines (row index of a feature matrix, its score; higher = more anomalous) atomically, for scores
    /// of rows that are not clips (<c>anomalylab detect --train/--test</c>). Scores round-trip exactly.
    /// </summary>
    public static void WriteIndexed(string path, IReadOnlyList<double> scores)
    {
        var text = new StringBuilder("index,score\n");
        for (int i = 0; i < scores.Count; i++) text.Append(CultureInfo.InvariantCulture, $"{i},{scores[i]:R}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static int Column(string[] names, string name, string path)
    {
        int index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw new InvalidDataException($"{path}: header has no '{name}' column; expected 'file,score,label', found '{string.Join(",", names)}'.");
    }
}
