using System.Diagnostics;

namespace AnomalyLab.Tests.Cli;

/// <summary>Runs the built <c>anomalylab</c> CLI (AnomalyLab.Cli.dll beside the tests) in its own process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs the CLI with <paramref name="environment"/> changes (a null value removes the variable).</summary>
    public static Result Run(IReadOnlyDictionary<string, string?> environment, params string[] args) => RunWithInput(null, args, environment);

    /// <summary>Runs the CLI with <paramref name="stdin"/> (null = none) written to its standard input, then closed.</summary>
    public static Result RunWithInput(byte[]? stdin, params string[] args) => RunWithInput(stdin, args, null);

    private static Result RunWithInput(byte[]? stdin, string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        const int TimeoutSeconds = 180;
        string dll = Path.Combine(AppContext.BaseDirectory, "AnomalyLab.Cli.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"anomalylab {string.Join(' ', args)} did not finish in {TimeoutSeconds} s.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
