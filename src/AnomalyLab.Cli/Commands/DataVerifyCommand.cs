using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Reports;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data verify &lt;root&gt; --manifest &lt;name&gt;</c>: layout, counts, unreadable files; exit 1 on mismatch.</summary>
internal static class DataVerifyCommand
{
    public const int Mismatch = 1;

    public static Command Create()
    {
        var root = new Argument<DirectoryInfo?>("root") { Description = "Local copy to check (default: the synthetic default dataset).", Arity = ArgumentArity.ZeroOrOne };
        var manifest = new Option<string>("--manifest") { Description = "Manifest name in data-manifests/ (e.g. dcase2020-task2-dev, shared-samples) or a path to one.", DefaultValueFactory = _ => "synthetic-default" };
        var allowPartial = new Option<bool>("--allow-partial") { Description = "Accept a copy holding only part of the dataset (missing/partial rows); damaged or foreign files still fail." };
        var command = new Command("verify", "Check a local dataset copy against its manifest (layout, clip counts, WAV headers, formats, checksums); exit 1 on mismatch.")
        {
            root, manifest, allowPartial,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = DataRoots.ResolveOrDefault(parse.GetValue(root));
            string manifestPath = DataManifest.Locate(parse.GetValue(manifest)!);
            DataManifest loaded = DataManifest.Load(manifestPath);
            VerifyReport report = StageProgressDisplay.RunDataset(progress => ManifestVerifier.Verify(folder, loaded, progress));
            ConsoleTables.Write(ResultTables.Verification(report, loaded), (column, text) => column != "status" ? null : text switch
            {
                "ok" => "green",
                "unknown" => "grey",
                "partial" or "missing" => "yellow",
                _ => "red",
            });
            bool passed = report.Passed(parse.GetValue(allowPartial));
            string verdict = passed
                ? report.IsPartial ? "[yellow]partial copy accepted (--allow-partial)[/]" : "[green]matches the manifest[/]"
                : report.IsPartial && report.Passed(allowPartial: true)
                    ? "[red]mismatch: this is a partial copy[/] (use --allow-partial to accept it)"
                    : "[red]mismatch[/]";
            AnsiConsole.MarkupLine($"{Markup.Escape(report.Root)}: {verdict}");
            return passed ? 0 : Mismatch;
        }));
        return command;
    }
}
