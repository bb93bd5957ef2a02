using System.CommandLine;
using System.Globalization;
using System.Text;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.IO;
using AnomalyLab.Masks;
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
            var report = MaskReports.Show(strategy, n, parse.GetValue(seed));
            AtomicFolder.Write(folder, "anomalylab masks show", staging =>
            {
                NpyFile.Write(Path.Combine(staging, "masks.npy"), masks.Data, masks.Shape);
                if (strategy is AudioBandSegmentMasks bandSegments) bandSegments.Options.Save(Path.Combine(staging, "preset.json"));
                report.Write(Path.Combine(staging, "index.html"));
            }, parse.GetValue(force));
            string page = Path.Combine(folder, "index.html");
            var table = new Table().AddColumns("mask", "coverage", "bottom (nearest)", "bottom (max-pool)");
            var bottom = LatentGrid.Bottom(strategy.Height, strategy.Width);
            var nearest = MaskResize.Nearest(masks, bottom);
            var pooled = MaskResize.MaxPoolToGrid(masks, bottom);
            for (int b = 0; b < n; b++)
                table.AddRow(b.ToString(CultureInfo.InvariantCulture), masks.Coverage(b).ToString("P1", CultureInfo.InvariantCulture),
                    nearest.Coverage(b).ToString("P1", CultureInfo.InvariantCulture), pooled.Coverage(b).ToString("P1", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            Console.WriteLine($"{strategy.Name}: [{n}, 1, {strategy.Height}, {strategy.Width}] → bottom {bottom}, top {LatentGrid.Top(strategy.Height, strategy.Width)}; wrote {page}");
            return 0;
        }));
        return command;
    }

    private static Command Fit()
    {
        var data = DataOption();
        var machine = MachineOption();
        var output = new Option<FileInfo>("--out") { Description = "Preset JSON to write (accepted by --mask-preset).", Required = true };
        var features = FeaturesOption();
        var command = new Command("fit", "Fit a band × segment preset to the excess localisation of a machine type's real anomalies; report leave-one-id-out scores.")
        {
            data, machine, output, features,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string type = parse.GetValue(machine)!;
            string path = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFile(path, [parse.GetValue(data)?.FullName]);
            var maps = LoadMaps(parse.GetValue(data), type, parse.GetValue(features)!);
            var fitted = MaskPresetFitter.Fit(type, maps);
            fitted.Save(path);
            Console.WriteLine($"{fitted.Name}: band {fitted.BandFractionMin:0.###}–{fitted.BandFractionMax:0.###} of n_mels ({(fitted.BandCenterWeights is null ? "uniform band position" : "centre prior fitted")}), " +
                $"{fitted.SegmentCountMin}–{fitted.SegmentCountMax} segments × {fitted.SegmentLengthMin}–{fitted.SegmentLengthMax} frames → {path}");
            var profiles = AudioBandSegmentOptions.SeedPresets.Select(p => MaskCoverage.Exact(p)).Append(MaskCoverage.Exact(fitted)).ToArray();
            WriteTable(MaskReports.ExtentTable(maps, profiles));
            WriteTable(MaskReports.AgreementTable(MaskAgreement.Table(profiles, maps), "Agreement on the fit ids (in-sample)"));
            if (maps.Count >= 2) WriteTable(MaskReports.HeldOutTable(HeldOutComparison.LeaveOneIdOut(type, maps)));
            return 0;
        }));
        return command;
    }

    private static Command Score()
    {
        var presets = PresetOptions.MaskPreset<string[]>("Mask presets to score (repeatable): names, perlin, or preset .json files. Default: the three seed presets.", repeatable: true);
        var data = DataOption();
        var machine = MachineOption();
        var features = FeaturesOption();
        var output = new Option<DirectoryInfo?>("--out") { Description = "Optional folder for agreement.csv and index.html." };
        var force = OutputOptions.Force();
        var command = new Command("score", "Agreement table (per preset and machine id) between mask coverage and the real anomalies' excess localisation.")
        {
            presets, data, machine, features, output, force,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PresetOptions.NoteIfDeprecated(parse, presets);
            string type = parse.GetValue(machine)!;
            string[] names = parse.GetValue(presets) is { Length: > 0 } given ? given : ["current", "proposed", "narrow-band-few-segments"];
            if (parse.GetValue(output) is { } target)
                OutputPaths.CheckFolder(target.FullName, names.Where(File.Exists).Select(Path.GetFullPath).Append(parse.GetValue(data)?.FullName), parse.GetValue(force));
            var maps = LoadMaps(parse.GetValue(data), type, parse.GetValue(features)!);
            var profiles = names.Select(n => MaskStrategies.Profile(MaskStrategies.Resolve(n))).ToArray();
            var scores = MaskAgreement.Table(profiles, maps);
            WriteTable(MaskReports.AgreementTable(scores));
            foreach (var group in scores.GroupBy(s => s.Preset))
                Console.WriteLine($"{group.Key}: mean score {group.Average(s => s.Score):F4} over {group.Count()} ids");
            if (parse.GetValue(output) is { } folder)
            {
                var csv = new StringBuilder("preset,machine_id,mel,time,run_length,band_width,score\n");
                foreach (var s in scores)
                    csv.Append(CultureInfo.InvariantCulture, $"{s.Preset},{s.MachineId},{s.Mel:R},{s.Time:R},{s.RunLength:R},{s.BandWidth:R},{s.Score:R}\n");
                var report = MaskReports.Agreement(type, profiles, maps);
                AtomicFolder.Write(folder.FullName, "anomalylab masks score", staging =>
                {
                    AtomicFile.WriteAllText(Path.Combine(staging, "agreement.csv"), csv.ToString());
                    report.Write(Path.Combine(staging, "index.html"));
                }, parse.GetValue(force));
                string page = Path.Combine(folder.FullName, "index.html");
                Console.WriteLine($"wrote {Path.Combine(folder.FullName, "agreement.csv")} and {page}");
            }
            return 0;
        }));
        return command;
    }

    private static Option<DirectoryInfo?> DataOption() => new("--data") { Description = "Dataset root (DCASE layout). Default: the embedded synthetic dataset (generated once, cached)." };

    private static Option<string> MachineOption() => new("--machine") { Description = "Machine type, e.g. slider (synthetic default: fan, pump).", Required = true };

    private static Option<string> FeaturesOption() => PresetOptions.Features(acceptOldName: false, "Feature preset (log-mel) for the excess maps: torchaudio or dcase2020-baseline.");

    private static IReadOnlyList<AnomalyExcessMap> LoadMaps(DirectoryInfo? data, string machineType, string featurePreset)
    {
        var features = LogMelOptions.FromPresetName(featurePreset);
        string root = data?.FullName ?? SpectreDatasetProgress.Run(progress => SyntheticDataset.EnsureDefault(progress: progress));
        int total = RealExcessMaps.CountClips(root, machineType);
        var loaded = StageProgressDisplay.Run(report =>
        {
            long done = 0;
            string stage = $"{machineType}: log-mel of {total} test clips";
            return RealExcessMaps.Load(root, machineType, features, () => report(stage, Interlocked.Increment(ref done), total));
        });
        Console.WriteLine($"{machineType} ({root}): excess maps of {string.Join(", ", loaded.Select(m => m.MachineId))}, [{loaded[0].MelBins}, {loaded[0].Frames}] each");
        return loaded;
    }

    private static void WriteTable(AnomalyLab.Plots.MetricsTable metrics)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(metrics.Title)) };
        foreach (string column in metrics.Columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in metrics.Rows)
            table.AddRow(row.Select(v => Markup.Escape(v switch { double d => d.ToString("F4", CultureInfo.InvariantCulture), null => "", _ => v.ToString() ?? "" })).ToArray());
        AnsiConsole.Write(table);
    }
}
