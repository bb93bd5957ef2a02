using System.CommandLine;

namespace AnomalyLab.Cli.Commands;

/// <summary>Every sub-command of <c>anomalylab</c>, in help order. Each command lives in its own file and only parses arguments.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return FeaturesCommand.Create();
    }
}
