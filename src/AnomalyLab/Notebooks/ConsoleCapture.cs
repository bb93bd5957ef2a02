using System.Text;

namespace AnomalyLab.Notebooks;

/// <summary>
/// Routes <see cref="Console.Out"/> / <see cref="Console.Error"/> to the collector of the cell running on the current
/// async flow, and everywhere else to the original console. Installed once per process; flows, not threads, decide, so
/// parallel runs (tests) and a progress display on another thread stay separate.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly AsyncLocal<CellOutputCollector?> Current = new();
    private static readonly Lock InstallGate = new();
    private static bool installed;

    /// <summary>Sends console output of this async flow to <paramref name="collector"/> until disposed.</summary>
    public static IDisposable Begin(CellOutputCollector collector)
    {
        Install();
        CellOutputCollector? previous = Current.Value;
        Current.Value = collector;
        return new Restore(previous);
    }

    private static void Install()
    {
        lock (InstallGate)
        {
            if (installed) return;
            Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
            Console.SetError(new RoutingWriter(Console.Error, "stderr"));
            installed = true;
        }
    }

    private sealed class Restore(CellOutputCollector? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private sealed class RoutingWriter(TextWriter original, string stream) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value)
        {
            if (Current.Value is { } collector) collector.Write(stream, value.ToString());
            else original.Write(value);
        }

        public override void Write(string? value)
        {
            if (value == null) return;
            if (Current.Value is { } collector) collector.Write(stream, value);
            else original.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (Current.Value == null) original.Flush();
        }
    }
}
