using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AnomalyLab.Notebooks;

/// <summary>
/// One running .NET Interactive kernel (<c>dotnet-interactive stdio</c>), driven over its JSON-lines protocol exactly as
/// VS Code's Polyglot extension drives it: a <c>SubmitCode</c> command per cell, the kernel's events back until the
/// command's <c>CommandSucceeded</c> or <c>CommandFailed</c>. Variables, usings, <c>#r</c> packages and formatters live in
/// the kernel process, so cells share state as in the editor. Dispose to end the process.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<JsonObject> events = Channel.CreateUnbounded<JsonObject>();
    private readonly Task reader;
    private readonly System.Text.StringBuilder standardError = new();
    private int commandCount;

    private KernelSession(Process process)
    {
        this.process = process;
        reader = Task.Run(ReadEventsAsync);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data == null) return;
            lock (standardError)
            {
                if (standardError.Length < 64 * 1024) standardError.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>What the kernel process wrote to standard error so far (at most 64 KiB).</summary>
    public string StandardError
    {
        get
        {
            lock (standardError) return standardError.ToString();
        }
    }

    /// <summary>
    /// Starts the kernel found by <see cref="KernelLocator.Locate"/> with <paramref name="workingDirectory"/> as its working
    /// directory (VS Code uses the notebook's folder) and waits for its <c>KernelReady</c> event.
    /// </summary>
    /// <exception cref="KernelUnavailableException">No kernel is installed, or it did not start within <paramref name="startTimeout"/>.</exception>
    public static async Task<KernelSession> StartAsync(string workingDirectory, TimeSpan startTimeout, CancellationToken cancellation = default)
    {
        KernelCommandLine command = KernelLocator.Locate(workingDirectory);
        var start = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.LaunchDirectory ?? workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (string argument in command.Arguments) start.ArgumentList.Add(argument);
        foreach (string argument in (string[])["stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory]) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new KernelUnavailableException($"{command}: the process did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new KernelUnavailableException($"{command}: {e.Message}. {KernelLocator.InstallHint}");
        }
        var session = new KernelSession(process);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(startTimeout);
        try
        {
            while (true)
            {
                JsonObject? envelope = await session.NextEventAsync(timeout.Token);
                if (envelope == null)
                {
                    string error = session.StandardError.Trim();
                    await session.DisposeAsync();
                    throw new KernelUnavailableException($"{command}: the kernel exited before it was ready (exit code {process.ExitCode})"
                        + (error.Length > 0 ? ": " + error : ".") + " " + KernelLocator.InstallHint);
                }
                if (envelope["eventType"]?.GetValue<string>() == "KernelReady") return session;
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            await session.DisposeAsync();
            throw new KernelUnavailableException($"{command}: the kernel was not ready within {startTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// Submits <paramref name="code"/> to the kernel named <paramref name="kernelName"/> (<c>csharp</c>, <c>fsharp</c>, …) and
    /// collects its events until the command ends. The outcome says whether it succeeded, failed, timed out or ended the kernel.
    /// A timed-out or dead kernel cannot take further cells.
    /// </summary>
    public async Task<KernelSubmission> SubmitAsync(string code, string kernelName, TimeSpan timeout, CancellationToken cancellation = default)
    {
        string token = $"anomalylab-{Environment.ProcessId}-{Interlocked.Increment(ref commandCount)}";
        var envelope = new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
        };
        var collected = new List<JsonObject>();
        try
        {
            await process.StandardInput.WriteLineAsync(envelope.ToJsonString());
            await process.StandardInput.FlushAsync(cancellation);
        }
        catch (IOException)
        {
            return new KernelSubmission(KernelOutcome.KernelExited, collected, $"the kernel had exited (code {ExitCodeText()}).");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                JsonObject? next = await NextEventAsync(deadline.Token);
                if (next == null)
                    return new KernelSubmission(KernelOutcome.KernelExited, collected, $"the kernel exited while the cell ran (exit code {ExitCodeText()}).");
                string type = next["eventType"]?.GetValue<string>() ?? "";
                bool ours = next["command"]?["token"]?.GetValue<string>() == token;
                if (ours && type == "CommandSucceeded") return new KernelSubmission(KernelOutcome.Succeeded, collected, null);
                if (ours && type == "CommandFailed")
                    return new KernelSubmission(KernelOutcome.Failed, collected, next["event"]?["message"]?.GetValue<string>() ?? "the command failed.");
                collected.Add(next);
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            Kill();
            return new KernelSubmission(KernelOutcome.TimedOut, collected, $"the cell did not finish within the timeout of {timeout.TotalSeconds:0.#} s; the kernel was stopped.");
        }
    }

    private string ExitCodeText()
    {
        try
        {
            return process.WaitForExit(2000) ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private async Task<JsonObject?> NextEventAsync(CancellationToken cancellation)
    {
        while (await events.Reader.WaitToReadAsync(cancellation))
        {
            if (events.Reader.TryRead(out JsonObject? envelope)) return envelope;
        }
        return null;
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                // The kernel prints a welcome banner before its first event: only JSON objects are protocol messages.
                if (!line.StartsWith('{')) continue;
                JsonObject? envelope;
                try
                {
                    envelope = JsonNode.Parse(line) as JsonObject;
                }
                catch (JsonException)
                {
                    continue;
                }
                if (envelope?["eventType"] != null) events.Writer.TryWrite(envelope);
            }
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Ends the kernel process (closing its input first, then killing what is left).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The pipe is already closed.
        }
        Kill();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The process is killed; its reader ends with the pipe.
        }
        process.Dispose();
    }
}

/// <summary>How a submitted cell ended.</summary>
public enum KernelOutcome
{
    /// <summary><c>CommandSucceeded</c>.</summary>
    Succeeded,

    /// <summary><c>CommandFailed</c>: a compile error or an exception.</summary>
    Failed,

    /// <summary>The per-cell timeout passed; the kernel was stopped.</summary>
    TimedOut,

    /// <summary>The kernel process ended while the cell ran (e.g. the cell called <c>Environment.Exit</c>).</summary>
    KernelExited,
}

/// <summary>The events of one <c>SubmitCode</c> command (protocol envelopes, in order) and how it ended.</summary>
public sealed record KernelSubmission(KernelOutcome Outcome, IReadOnlyList<JsonObject> Events, string? Error);

/// <summary>The .NET Interactive kernel cannot be found or started.</summary>
public sealed class KernelUnavailableException(string message) : InvalidOperationException(message);
