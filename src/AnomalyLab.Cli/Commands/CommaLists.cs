namespace AnomalyLab.Cli.Commands;

/// <summary>
/// Comma lists on the command line (<c>--machine fan,pump</c>, <c>--ids id_00,id_02</c>), split the same way in every command:
/// items trimmed, empty items dropped.
/// </summary>
internal static class CommaLists
{
    /// <summary>The items of every value of a repeatable option (<c>--machine fan,pump --machine valve</c>); null when none was given.</summary>
    public static List<string>? SplitAll(string[]? values) => values is { Length: > 0 } ? values.SelectMany(Items).ToList() : null;

    /// <summary>The items of one value (<c>id_00,id_02</c>); null when the option was not given.</summary>
    public static List<string>? Split(string? value) => value is null ? null : Items(value).ToList();

    private static string[] Items(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
