using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Reports;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data scan [root]</c>: clip counts per machine type, split, id and label; unmatched files.</summary>
internal static class DataScanCommand
{
    public static Command Create()
    {
        var root = new Argument<DirectoryInfo?>("root") { Description = "Dataset root (default: the synthetic default dataset, generated once).", Arity = ArgumentArity.ZeroOrOne };
        var layout = new Option<DatasetLayout>("--layout") { Description = "Layout: Auto, Dcase2020, Dcase2023 or MimiiRaw.", DefaultValueFactory = _ => DatasetLayout.Auto };
        var command = new Command("scan", "List the clips a dataset folder holds, by machine type, split, id and label, and report files matching no convention.") { root, layout };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = DataRoots.ResolveOrDefault(parse.GetValue(root));
            DatasetScan scan = DatasetScanner.Scan(folder, parse.GetValue(layout));
            ConsoleTables.Write(ResultTables.Clips(scan));
            AnsiConsole.MarkupLine($"{scan.Clips.Count} clips; {Markup.Escape(scan.Unmatched.ToString())}.");
            if (scan.SkippedFolders.Count > 0)
                AnsiConsole.MarkupLine($"skipped folders (not machine types): {Markup.Escape(string.Join(", ", scan.SkippedFolders))}");
            return 0;
        }));
        return command;
    }
}

/// <summary>Data path defaults shared by the data commands.</summary>
internal static class DataRoots
{
    /// <summary>The given folder, or the synthetic default (generated on first use, with a progress bar).</summary>
    public static string ResolveOrDefault(DirectoryInfo? folder)
    {
        if (folder != null) return folder.FullName;
        string root = StageProgressDisplay.RunDataset(progress => SyntheticDataset.EnsureDefault(progress: progress));
        AnsiConsole.MarkupLine($"[grey]no data path given: using the synthetic default at {Markup.Escape(root)}[/]");
        return root;
    }
}
