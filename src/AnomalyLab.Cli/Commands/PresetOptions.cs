using System.CommandLine;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// The one option vocabulary for presets, the same in every command: <c>--features NAME</c> is the log-mel feature preset
/// (torchaudio, dcase2020-baseline) and <c>--mask-preset NAME</c> a synthetic anomaly mask preset (a strategy name or a
/// preset .json file). The old spelling <c>--preset</c> (a feature preset in study/features/data cache, a mask preset in
/// masks show/score) is still accepted, with a deprecation note on stderr.
/// </summary>
internal static class PresetOptions
{
    /// <summary>The deprecated spelling accepted as an alias.</summary>
    public const string OldName = "--preset";

    /// <summary><c>--features NAME</c>, default torchaudio; <paramref name="acceptOldName"/> adds the deprecated <c>--preset</c> alias.</summary>
    public static Option<string> Features(bool acceptOldName, string purpose = "Feature preset (log-mel): torchaudio or dcase2020-baseline.", string defaultValue = "torchaudio")
    {
        var option = new Option<string>("--features") { Description = purpose, DefaultValueFactory = _ => defaultValue };
        if (acceptOldName) option.Aliases.Add(OldName);
        return option;
    }

    /// <summary><c>--mask-preset NAME</c> with the deprecated <c>--preset</c> alias.</summary>
    public static Option<T> MaskPreset<T>(string description, Func<T>? defaultValue = null, bool repeatable = false)
    {
        var option = new Option<T>("--mask-preset") { Description = description, AllowMultipleArgumentsPerToken = repeatable };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue();
        option.Aliases.Add(OldName);
        return option;
    }

    /// <summary>
    /// Writes <c>note: --preset is deprecated; use --features …</c> to stderr when <paramref name="option"/> was given by its old
    /// name on this command line. Returns whether it was.
    /// </summary>
    public static bool NoteIfDeprecated(ParseResult parse, Option option)
    {
        if (parse.GetResult(option) is not { Implicit: false } result) return false;
        bool old = result.IdentifierToken?.Value == OldName || parse.Tokens.Any(t => t.Value == OldName);
        if (old) Console.Error.WriteLine($"note: {OldName} is deprecated here; use {option.Name} ({DeprecationMeaning(option.Name)}). {OldName} still works for now.");
        return old;
    }

    private static string DeprecationMeaning(string name) => name == "--features"
        ? "the feature preset; --mask-preset names a mask preset"
        : "the mask preset; --features names the feature preset";
}
