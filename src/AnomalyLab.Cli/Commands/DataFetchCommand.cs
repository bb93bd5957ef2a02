using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Reports;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data fetch &lt;name&gt; --to DIR</c>: download a manifest's archives with resume and checksums, extract safely.</summary>
internal static class DataFetchCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Manifest name in data-manifests/ (e.g. dcase2020-task2-dev) or a path to one." };
        var to = new Option<DirectoryInfo>("--to") { Description = "Destination folder (archives are kept in <to>/.downloads).", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "Fetch <base-url>/<archive name> instead of the manifest URLs (mirror or file:// folder)." };
        var archives = new Option<string[]>("--archive") { Description = "Only these archives (repeatable).", AllowMultipleArgumentsPerToken = true };
        var requireChecksum = new Option<bool>("--require-checksum") { Description = "Refuse archives without a published checksum." };
        var noExtract = new Option<bool>("--no-extract") { Description = "Download and verify only." };
        var maxExpanded = new Option<double>("--max-expanded-gib")
        {
            Description = "Refuse an archive that expands to more than this many GiB (decompression-bomb guard).",
            DefaultValueFactory = _ => AnomalyLab.IO.DecompressionLimits.Default.MaxExpandedBytes / (double)(1L << 30),
        };
        var maxRatio = new Option<double>("--max-ratio")
        {
            Description = "Refuse an archive whose content (beyond 64 MiB) is more than this many times its compressed size.",
            DefaultValueFactory = _ => AnomalyLab.IO.DecompressionLimits.Default.MaxRatio,
        };
        var command = new Command("fetch", "Download a dataset's archives (HTTP(S) or file://, resumable, SHA-256/MD5 checked) and extract them safely (no zip-slip, no links, bounded size).")
        {
            name, to, baseUrl, archives, requireChecksum, noExtract, maxExpanded, maxRatio,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            DataManifest manifest = DataManifest.Load(DataManifest.Locate(parse.GetValue(name)!));
            var options = new FetchOptions
            {
                BaseUrl = parse.GetValue(baseUrl),
                Archives = parse.GetValue(archives) is { Length: > 0 } list ? list : null,
                RequireChecksum = parse.GetValue(requireChecksum),
                Extract = !parse.GetValue(noExtract),
                Limits = new AnomalyLab.IO.DecompressionLimits
                {
                    MaxExpandedBytes = parse.GetValue(maxExpanded) is var gib && gib > 0 && gib < 1L << 32 ? (long)(gib * (1L << 30)) : throw new ArgumentException($"--max-expanded-gib must be a positive number of GiB (got {parse.GetValue(maxExpanded)})."),
                    MaxRatio = parse.GetValue(maxRatio),
                }.Validate(),
            };
            string destination = parse.GetValue(to)!.FullName;
            IReadOnlyList<FetchedArchive> results;
            try
            {
                results = StageProgressDisplay.RunDataset(progress => ArchiveFetcher.FetchAsync(manifest, destination, options, progress).GetAwaiter().GetResult());
            }
            catch (HttpRequestException e)
            {
                throw new IOException($"download failed: {e.Message} (run again to resume)", e);
            }
            ConsoleTables.Write(ResultTables.Fetched(results), (column, text) => column == "checksum" ? text == "verified" ? "green" : "yellow" : null);
            return 0;
        }));
        return command;
    }
}
