namespace AnomalyLab.Notebooks;

/// <summary>Polyglot cell magics: a first line <c>#!csharp</c>, <c>#!markdown</c>, … selects the kernel of the cell.</summary>
internal static class CellMagic
{
    /// <summary>The magic word of the first non-blank line (<c>csharp</c> for <c>#!csharp</c>), or null.</summary>
    public static string? FirstLineMagic(string source)
    {
        foreach (string line in source.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (!trimmed.StartsWith("#!", StringComparison.Ordinal)) return null;
            string word = trimmed[2..].Split(' ', 2)[0].Trim().ToLowerInvariant();
            return word;
        }
        return null;
    }

    /// <summary>The source without its first-line magic (the line is kept blank so line numbers stay right).</summary>
    public static string WithoutFirstLineMagic(string source)
    {
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            if (lines[i].TrimStart().StartsWith("#!", StringComparison.Ordinal)) lines[i] = "";
            break;
        }
        return string.Join('\n', lines);
    }
}
