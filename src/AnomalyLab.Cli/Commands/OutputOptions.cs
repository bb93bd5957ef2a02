using System.CommandLine;

namespace AnomalyLab.Cli.Commands;

/// <summary>Options every writing command shares (the policy itself is the library's <c>AnomalyLab.IO.OutputPaths</c>).</summary>
internal static class OutputOptions
{
    /// <summary><c>--force</c>: replace an output folder that holds files anomalylab did not write.</summary>
    public static Option<bool> Force() => new("--force")
    {
        Description = "Replace an output folder even though it holds files anomalylab did not write (an output that is one of the inputs is refused even so).",
    };
}
