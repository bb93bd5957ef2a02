using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Reports;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab data cache [root] [--types fan,pump]</c>: extracts (or validates) the cached log-mels of train and test sets.</summary>
internal static class DataCacheCommand
{
    public static Command Create()
    {
        var root = new Argument<DirectoryInfo?>("root") { Description = "Dataset root (default: the synthetic default dataset).", Arity = ArgumentArity.ZeroOrOne };
        var types = new Option<string[]>("--types") { Description = "Machine types (default: all).", AllowMultipleArgumentsPerToken = true };
        var preset = PresetOptions.Features(acceptOldName: true);
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Cache folder (default $XDG_CACHE_HOME/anomalylab/features or ~/.cache/anomalylab/features)." };
        var command = new Command("cache", "Extract the log-mel features of every train and test clip on all cores and store them in the feature cache.") { root, types, preset, cache };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PresetOptions.NoteIfDeprecated(parse, preset);
            string folder = DataRoots.ResolveOrDefault(parse.GetValue(root));
            DatasetScan scan = DatasetScanner.Scan(folder);
            List<string>? selected = CommaLists.SplitAll(parse.GetValue(types));
            var features = FeatureExtractionOptions.Default with
            {
                LogMel = LogMelOptions.FromPresetName(parse.GetValue(preset)!),
                CacheFolder = parse.GetValue(cache)?.FullName,
            };
            var outcomes = StageProgressDisplay.RunDataset(progress => FeatureCache.Fill(scan, selected, features, progress));
            ConsoleTables.Write(ResultTables.Cache(outcomes));
            return 0;
        }));
        return command;
    }
}
