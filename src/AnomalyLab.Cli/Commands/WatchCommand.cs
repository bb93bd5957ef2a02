using System.CommandLine;
using System.Globalization;
using AnomalyLab.Audio;
using AnomalyLab.Models.StftVae;
using AnomalyLab.Scoring;
using AnomalyLab.Streaming;

namespace AnomalyLab.Cli.Commands;

/// <summary>
/// <c>anomalylab watch --model model.ckpt --input file.wav|- [--segment 2s] [--overlap 0.5s] [--rate --channels --format]</c>:
/// scores a recording or a raw PCM byte stream in consecutive segments, one line per segment and a summary.
/// </summary>
[CliCommand(46)]
internal static class WatchCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file from 'anomalylab watch-train'.", Required = true };
        var input = new Option<string>("--input") { Description = "A WAV file, or - for raw PCM on stdin (then --rate is required).", Required = true };
        var segment = new Option<string?>("--segment") { Description = "Segment length, e.g. 2s or 500ms (default: the model's training segment)." };
        var overlap = new Option<string?>("--overlap") { Description = "Overlap of consecutive segments, e.g. 0.5s (default: the model's, normally 0)." };
        var minPartial = new Option<double?>("--min-partial") { Description = "Score a final partial segment holding at least this fraction of a segment, else report it as skipped (default 0.5)." };
        var rate = new Option<int?>("--rate") { Description = "Raw PCM: sample rate, Hz." };
        var channels = new Option<int>("--channels") { Description = "Raw PCM: interleaved channels (mixed to mono by their mean).", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "Raw PCM: s16le, s32le or f32le.", DefaultValueFactory = _ => "s16le" };
        var resample = new Option<bool>("--resample") { Description = "Resample each segment when the input rate is not the model's (else that is an error)." };
        var command = new Command("watch", "Score a WAV file or a raw PCM stream (stdin) segment by segment with an STFT-VAE threshold model.")
        {
            model, input, segment, overlap, minPartial, rate, channels, format, resample,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            using StftVaeScorer scorer = StftVaeScorer.Load(parse.GetValue(model)!.FullName);
            SegmentOptions segments = scorer.Settings.Segments;
            if (parse.GetValue(segment) is { } s) segments = segments with { SegmentSeconds = SegmentOptions.ParseSeconds(s) };
            if (parse.GetValue(overlap) is { } o) segments = segments with { OverlapSeconds = SegmentOptions.ParseSeconds(o) };
            if (parse.GetValue(minPartial) is { } m) segments = segments with { MinimumPartialFraction = m };
            segments.Validate(scorer.SampleRate);
            if (Math.Abs(segments.SegmentSeconds - scorer.Settings.Segments.SegmentSeconds) > 1e-9)
                Console.Error.WriteLine($"warning: segments of {segments.SegmentSeconds:G} s but the model was trained on {scorer.Settings.Segments.SegmentSeconds:G} s segments; scores are calibrated for the latter.");

            string source = parse.GetValue(input)!;
            Stream stream;
            PcmFrameReader reader;
            if (source == "-")
            {
                int sampleRate = parse.GetValue(rate) ?? throw new ArgumentException("--input - reads raw PCM: give its --rate (and --channels, --format when not mono s16le).");
                stream = Console.OpenStandardInput();
                reader = new PcmFrameReader(stream, new PcmFormat(sampleRate, parse.GetValue(channels), PcmFormat.ParseEncoding(parse.GetValue(format)!)));
            }
            else
            {
                if (!File.Exists(source)) throw new FileNotFoundException($"{source}: input WAV file not found.", source);
                stream = File.OpenRead(source);
                reader = PcmFrameReader.OpenWav(stream, source);
            }
            using (stream)
            {
                Console.WriteLine(WatchText.Header(source, reader.Format, segments, scorer.Threshold, scorer.Settings.Threshold.Policy));
                Console.WriteLine(WatchText.Columns);
                WatchSummary summary = SegmentWatcher.Watch(reader, scorer, segments, v =>
                {
                    Console.WriteLine(WatchText.Line(v));
                    Console.Out.Flush();
                }, parse.GetValue(resample));
                if (summary.DanglingBytes > 0)
                    Console.Error.WriteLine($"warning: the stream ended in the middle of a sample frame; ignored the last {summary.DanglingBytes} byte(s).");
                Console.WriteLine(WatchText.Summary(summary));
            }
            return 0;
        }));
        return command;
    }
}
