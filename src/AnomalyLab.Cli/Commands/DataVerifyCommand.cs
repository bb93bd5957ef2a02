using System.CommandLine;
using AnomalyLab.Data;
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
            VerifyReport report = SpectreDatasetProgress.Run(progress => ManifestVerifier.Verify(folder, loaded, progress));
            var table = new Table().Title(Markup.Escape($"{report.Root} vs {loaded.Name}" + (loaded.Sample ? " (sample manifest)" : "")))
                .AddColumns("part", "item", "expected", "found", "status", "detail");
            foreach (VerifyRow row in report.Rows)
            {
                string colour = row.Status switch
                {
                    VerifyStatus.Ok => "green",
                    VerifyStatus.Unknown => "grey",
                    VerifyStatus.Partial or VerifyStatus.Missing => "yellow",
                    _ => "red",
                };
                table.AddRow(Markup.Escape(row.Part), Markup.Escape(row.Item), row.Expected?.ToString() ?? "?", row.Found.ToString(),
                    $"[{colour}]{row.Status.ToString().ToLowerInvariant()}[/]", Markup.Escape(row.Detail ?? ""));
            }
            AnsiConsole.Write(table);
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
