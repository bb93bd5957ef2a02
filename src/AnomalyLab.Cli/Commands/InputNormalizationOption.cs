using System.CommandLine;
using AnomalyLab.Training;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>--input-normalization none|fit|MEAN,STD</c>, the same in every command that takes a PyTorch <c>--model</c> (study, codes,
/// evaluate): a state dict carries no input normalisation, so it is chosen explicitly (parsed by the library's
/// <see cref="AnomalyLab.Training.InputNormalization.Parse"/>).
/// </summary>
internal static class InputNormalizationOption
{
    /// <summary>The option; <paramref name="recorded"/> says where the choice is written down (e.g. "Recorded in summary.json."), or null.</summary>
    public static Option<string?> Create(string? recorded = null) => new("--input-normalization")
    {
        Description = "For a PyTorch .pt/.safetensors --model (which carries none): none, fit (mean/std of the type's train clips) or MEAN,STD in dB." + (recorded is null ? "" : " " + recorded),
    };

    /// <summary>The parsed choice, or null when the option was not given.</summary>
    /// <exception cref="ArgumentException">A value that is not none, fit or MEAN,STD (STD &gt; 0).</exception>
    public static InputNormalization? Read(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? InputNormalization.Parse(text) : null;
}
