using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AnomalyLab.Notebooks;

/// <summary>
/// Sets <c>--param name=value</c> values the way a person would: by editing the declarations of the cell tagged
/// <c>parameters</c> before it runs (papermill's convention). A declaration is one line <c>var name = literal;</c> (or with
/// <c>string</c>, <c>int</c>, <c>long</c>, <c>double</c>, <c>float</c>, <c>decimal</c>, <c>bool</c>), optionally followed by a
/// comment; the new value is written as a C# literal of the declared type (for <c>var</c>, the type of the literal there).
/// </summary>
public static partial class NotebookParameters
{
    [GeneratedRegex(@"^(?<head>\s*(?<type>var|string|int|long|double|float|decimal|bool)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*)(?<value>.*?)(?<tail>;\s*(//.*)?)$")]
    private static partial Regex Declaration();

    /// <summary>
    /// <paramref name="source"/> with each declared parameter of <paramref name="values"/> set; the names it declared are
    /// removed from <paramref name="unused"/>.
    /// </summary>
    /// <exception cref="NotebookParameterException">A value cannot be read as the declared type.</exception>
    public static string Apply(string source, IReadOnlyDictionary<string, string> values, ISet<string> unused)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match match = Declaration().Match(lines[i]);
            if (!match.Success) continue;
            string name = match.Groups["name"].Value;
            if (!values.TryGetValue(name, out string? text)) continue;
            string literal = Literal(name, text, match.Groups["type"].Value, match.Groups["value"].Value.Trim());
            lines[i] = match.Groups["head"].Value + literal + match.Groups["tail"].Value;
            unused.Remove(name);
        }
        return string.Join('\n', lines);
    }

    private static string Literal(string name, string text, string declaredType, string current)
    {
        string type = declaredType == "var" ? TypeOfLiteral(name, current) : declaredType;
        switch (type)
        {
            case "string":
                return StringLiteral(text);
            case "bool":
                if (bool.TryParse(text, out bool flag)) return flag ? "true" : "false";
                break;
            case "int":
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int whole)) return whole.ToString(CultureInfo.InvariantCulture);
                break;
            case "long":
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long big)) return big.ToString(CultureInfo.InvariantCulture) + "L";
                break;
            case "double":
            case "float":
            case "decimal":
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real))
                {
                    string digits = real.ToString("R", CultureInfo.InvariantCulture);
                    return type switch { "float" => digits + "f", "decimal" => digits + "m", _ => digits.Contains('.') || digits.Contains('E') ? digits : digits + ".0" };
                }
                break;
        }
        throw new NotebookParameterException($"parameter '{name}': cannot read '{text}' as {type}.");
    }

    private static string TypeOfLiteral(string name, string literal)
    {
        if (literal.StartsWith('"') || literal.StartsWith("@\"", StringComparison.Ordinal) || literal.StartsWith("$\"", StringComparison.Ordinal)) return "string";
        if (literal is "true" or "false") return "bool";
        if (Regex.IsMatch(literal, @"^-?\d+$")) return "int";
        if (Regex.IsMatch(literal, @"^-?\d+[lL]$")) return "long";
        if (Regex.IsMatch(literal, @"^-?[\d.]+([eE][-+]?\d+)?[fF]$")) return "float";
        if (Regex.IsMatch(literal, @"^-?[\d.]+([eE][-+]?\d+)?[mM]$")) return "decimal";
        if (Regex.IsMatch(literal, @"^-?[\d.]+([eE][-+]?\d+)?[dD]?$")) return "double";
        throw new NotebookParameterException(
            $"parameter '{name}': its declaration `var {name} = {literal};` has no literal of a settable type; declare it with a string, number or bool literal.");
    }

    private static string StringLiteral(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (char c in text)
        {
            literal.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return literal.Append('"').ToString();
    }
}

/// <summary>A <c>--param</c> value that cannot be applied to the parameters cell.</summary>
public sealed class NotebookParameterException(string message) : ArgumentException(message);
