using System.CommandLine;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Masks;
using AnomalyLab.Plots;
using Spectre.Console;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab masks show|fit|score</c>: synthetic anomaly masks, presets fitted to real anomalies, and mask–reality agreement.
/// </summary>
[CliCommand(40)]
internal static class MasksCommand
{
    public static Command Create() => new("masks", "Synthetic anomaly masks (band × segment presets, DSR Perlin): show, fit to real anomalies, score agreement.")
    {
        Show(), Fit(), Score(),
    };

    private static Command Show()
    {
        var preset = PresetOptions.MaskPreset<string>($"Mask preset: {string.Join(", ", MaskStrategies.Names)} or a preset .json file.", () => "proposed");
        var count = new Option<int>("--count") { Description = "Number of masks.", DefaultValueFactory = _ => 6 };
        var seed = new Option<ulong>("--seed") { Description = "Seed (same seed → same masks).", DefaultValueFactory = _ => 42UL };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: index.html, masks.npy [B, 1, H, W], preset.json.", Required = true };
        var force = OutputOptions.Force();
        var command = new Command("show", "Draw masks and write an offline HTML page with them at spectrogram size and on the latent grids (nearest and max-pool).")
        {
            preset, count, seed, output, force,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PresetOptions.NoteIfDeprecated(parse, preset);
            int n = parse.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count must be at least 1, got {n}.");
            string folder = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFolder(folder, [File.Exists(parse.GetValue(preset)) ? Path.GetFullPath(parse.GetValue(preset)!) : null], parse.GetValue(force));
            var strategy = MaskStrategies.Resolve(parse.GetValue(preset)!);
            var masks = strategy.Generate(n, parse.GetValue(seed));
            MaskShowOutput.Write(folder, strategy, masks, parse.GetValue(seed), parse.GetValue(force));
            string page = Path.Combine(folder, "index.html");
            ConsoleTables.Write(MaskShowOutput.CoverageTable(strategy, masks));
            var bottom = LatentGrid.Bottom(strategy.Height, strategy.Width);
            Console.WriteLine($"{strategy.Name}: [{n}, 1, {strategy.Height}, {strategy.Width}] → bottom {bottom}, top {LatentGrid.Top(strategy.Height, strategy.Width)}; wrote {page}");
            return 0;
        }));
        return command;
    }

    private static Command Fit()
    {
        var data = DataOption();
        var machine = MachineOption();
        var output = new Option<FileInfo>("--out") { Description = "Preset JSON to write (accepted by --mask-preset). With --per-id, one more file per id: <name>.<id>.json.", Required = true };
        var features = FeaturesOption();
        var perId = new Option<bool>("--per-id") { Description = "Also fit one preset per machine id (in-sample; for a Stage-2 model that only meets known ids)." };
        var replicates = BootstrapOption();
        var seed = SeedOption();
        var command = new Command("fit", "Fit a band × segment preset (where in mel, how wide, how long) to a machine type's real anomalies; compare it with every preset on held-out ids.")
        {
            data, machine, output, features, perId, replicates, seed,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string type = parse.GetValue(machine)!;
            string path = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFile(path, [parse.GetValue(data)?.FullName]);
            var bootstrap = new BootstrapOptions { Replicates = parse.GetValue(replicates), Seed = parse.GetValue(seed) }.Validate();
            var clips = LoadClips(parse.GetValue(data), type, parse.GetValue(features)!);
            var maps = clips.Select(c => c.Map()).ToArray();
            var fitted = MaskPresetFitter.Fit(type, maps);
            var perIdPresets = parse.GetValue(perId) ? MaskPresetFitter.FitPerId(type, maps) : [];
            foreach (var map in maps.Take(perIdPresets.Count))
                OutputPaths.CheckFile(FittedPresetFiles.PerIdPath(path, map.MachineId), [parse.GetValue(data)?.FullName]);
            FittedPresetFiles.Write(path, fitted, perIdPresets.Zip(maps, (preset, map) => (map.MachineId, preset)).ToArray());
            ConsoleTables.Write(MaskReports.PresetTable(fitted));
            Console.WriteLine($"wrote {path}" + (perIdPresets.Count > 0 ? $" and {perIdPresets.Count} per-id presets beside it" : ""));
            var profiles = MaskStrategies.ComparisonProfiles(fitted.MelBins, fitted.Frames, [fitted, .. perIdPresets]);
            ConsoleTables.Write(MaskReports.ExtentTable(maps, profiles));
            ConsoleTables.Write(MaskReports.AgreementTable(MaskAgreement.Table(profiles, maps), "Agreement on the fit ids (in-sample: every preset, the fitted one included)"));
            HeldOutFolds heldOut = HeldOutFolds.Run(type, clips, bootstrap: bootstrap);
            if (heldOut.LeaveOneIdOut.Count > 0)
            {
                ConsoleTables.Write(MaskReports.HeldOutTable(heldOut.LeaveOneIdOut, "Leave-one-id-out: fitted on the other ids, every preset scored on the held-out id"));
                ConsoleTables.Write(MaskReports.ContributionTable(heldOut.LeaveOneIdOut));
            }
            if (heldOut.FitOnTwo.Count > 0)
            {
                ConsoleTables.Write(MaskReports.HeldOutTable(heldOut.FitOnTwo, "Fit on two ids, every preset scored on the others"));
                ConsoleTables.Write(MaskReports.ContributionTable(heldOut.FitOnTwo));
            }
            foreach (string line in heldOut.Findings) Console.WriteLine(line);
            return 0;
        }));
        return command;
    }

    private static Command Score()
    {
        var presets = PresetOptions.MaskPreset<string[]>("Extra presets (repeatable): preset .json files (fitted or your own). current, proposed, narrow-band-few-segments and perlin are always compared.", repeatable: true);
        var data = DataOption();
        var machine = MachineOption();
        var features = FeaturesOption();
        var replicates = BootstrapOption();
        var seed = SeedOption();
        var output = new Option<DirectoryInfo?>("--out") { Description = "Optional folder for agreement.csv, verdict.csv and index.html." };
        var force = OutputOptions.Force();
        var command = new Command("score", "Agreement of every preset with the real anomalies' excess localisation, per machine id, with a bootstrap verdict.")
        {
            presets, data, machine, features, replicates, seed, output, force,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PresetOptions.NoteIfDeprecated(parse, presets);
            string type = parse.GetValue(machine)!;
            string[] names = parse.GetValue(presets) ?? [];
            if (parse.GetValue(output) is { } target)
                OutputPaths.CheckFolder(target.FullName, names.Where(File.Exists).Select(Path.GetFullPath).Append(parse.GetValue(data)?.FullName), parse.GetValue(force));
            var bootstrap = new BootstrapOptions { Replicates = parse.GetValue(replicates), Seed = parse.GetValue(seed) }.Validate();
            var extra = names.Where(n => !MaskStrategies.ComparedNames.Contains(n.Trim().ToLowerInvariant()))
                .Select(n => AudioBandSegmentOptions.Resolve(n)).ToArray();
            var clips = LoadClips(parse.GetValue(data), type, parse.GetValue(features)!);
            var grid = MaskPresetFitter.Grid(clips.Select(c => c.Map()).ToArray());
            var comparison = PresetComparison.Run(type, MaskStrategies.ComparisonProfiles(grid.MelBins, grid.Frames, extra), clips, bootstrap);
            ConsoleTables.Write(MaskReports.AgreementTable(comparison.Scores));
            ConsoleTables.Write(MaskReports.MeanAgreementTable(comparison.Scores));
            ConsoleTables.Write(MaskReports.VerdictTable(comparison));
            foreach (string line in MaskReports.Findings(comparison)) Console.WriteLine(line);
            if (parse.GetValue(output) is { } folder)
            {
                MaskScoreOutput.Write(folder.FullName, comparison, parse.GetValue(force));
                Console.WriteLine($"wrote agreement.csv, verdict.csv and index.html to {folder.FullName}");
            }
            return 0;
        }));
        return command;
    }

    private static Option<int> BootstrapOption() => new("--bootstrap") { Description = "Clip resamples behind each verdict's interval (0 = none: no win is claimed).", DefaultValueFactory = _ => BootstrapOptions.Default.Replicates };

    private static Option<ulong> SeedOption() => new("--seed") { Description = "Seed of the bootstrap's clip draws.", DefaultValueFactory = _ => 0UL };

    private static Option<DirectoryInfo?> DataOption() => new("--data") { Description = "Dataset root (DCASE layout). Default: the embedded synthetic dataset (generated once, cached)." };

    private static Option<string> MachineOption() => new("--machine") { Description = "Machine type, e.g. slider (synthetic default: fan, pump).", Required = true };

    private static Option<string> FeaturesOption() => PresetOptions.Features(acceptOldName: false, "Feature preset (log-mel) for the excess maps: torchaudio or dcase2020-baseline.");

    private static IReadOnlyList<ExcessMapClips> LoadClips(DirectoryInfo? data, string machineType, string featurePreset)
    {
        var features = LogMelOptions.FromPresetName(featurePreset);
        string root = data?.FullName ?? StageProgressDisplay.RunDataset(progress => SyntheticDataset.EnsureDefault(progress: progress));
        var loaded = StageProgressDisplay.RunDataset(progress => RealExcessMaps.LoadClips(root, machineType, features, progress));
        Console.WriteLine($"{machineType} ({root}): clips of {string.Join(", ", loaded.Select(c => c.MachineId))}, [{loaded[0].Normal.NMels}, {loaded[0].Normal.ValidFrames}] each");
        return loaded;
    }

}
