using System.CommandLine;
using AnomalyLab.Audio;
using AnomalyLab.Features;
using AnomalyLab.IO;

namespace AnomalyLab.Cli.Commands;

/// <summary><c>anomalylab features file.wav --features torchaudio --out file.npy</c>: one clip's log-mel as a .npy array.</summary>
[CliCommand(10)]
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("file") { Description = "WAV file to analyse (PCM 8/16/24/32-bit or float 32/64, plain or EXTENSIBLE)." };
        var preset = PresetOptions.Features(acceptOldName: true);
        var output = new Option<FileInfo>("--out") { Description = "Output .npy file ([n_mels, frames] float32, dB).", Required = true };
        var channel = new Option<int?>("--channel") { Description = "Channel index to analyse (default 0)." };
        var mix = new Option<bool>("--mix") { Description = "Down-mix all channels (mean) instead of taking one." };
        var resample = new Option<bool>("--resample")
        {
            Description = "Resample a file at another rate to the preset's rate (scipy resample_poly filter) instead of failing.",
        };
        var command = new Command("features", "Extract the log-mel spectrogram of one WAV file to a NumPy .npy file.")
        {
            input, preset, output, channel, mix, resample,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PresetOptions.NoteIfDeprecated(parse, preset);
            if (parse.GetValue(mix) && parse.GetValue(channel) is not null)
                throw new ArgumentException("--channel and --mix exclude each other: pick one channel or the down-mix.");
            if (parse.GetValue(channel) is < 0)
                throw new ArgumentException($"--channel must be 0 or more (got {parse.GetValue(channel)}).");
            ChannelSelection selection = parse.GetValue(mix) ? ChannelSelection.MixDown : ChannelSelection.ChannelAt(parse.GetValue(channel) ?? 0);
            var extractor = new LogMelExtractor(LogMelOptions.FromPresetName(parse.GetValue(preset)!));
            string path = parse.GetValue(input)!.FullName;
            string destination = parse.GetValue(output)!.FullName;
            OutputPaths.CheckFile(destination, [path]);
            float[,] logMel = extractor.ExtractFile(path, selection, parse.GetValue(resample));
            NpyFile.Write(destination, logMel);
            Console.WriteLine($"{destination}: [{logMel.GetLength(0)}, {logMel.GetLength(1)}] float32 log-mel ({selection}).");
            return 0;
        }, resampleFlag: "--resample"));
        return command;
    }
}
