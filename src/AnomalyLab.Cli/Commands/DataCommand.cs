using System.CommandLine;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data synth|scan|cache|verify|fetch</c>: datasets — the synthetic default, layouts, feature cache, manifests, downloads.</summary>
[CliCommand(20)]
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Datasets: generate the synthetic default, scan layouts, build the feature cache, verify against manifests, download.");
        command.Subcommands.Add(DataSynthCommand.Create());
        command.Subcommands.Add(DataScanCommand.Create());
        command.Subcommands.Add(DataCacheCommand.Create());
        command.Subcommands.Add(DataVerifyCommand.Create());
        command.Subcommands.Add(DataFetchCommand.Create());
        return command;
    }
}
