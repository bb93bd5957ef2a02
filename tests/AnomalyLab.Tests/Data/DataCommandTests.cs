using System.CommandLine;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

/// <summary>The <c>anomalylab data</c> commands, invoked in-process (the CLI's command classes are internal: found by name).</summary>
public class DataCommandTests
{
    private static int Run(params string[] args)
    {
        var type = System.Reflection.Assembly.Load("AnomalyLab.Cli").GetType("AnomalyLab.Cli.Commands.DataCommand")!;
        var root = new RootCommand { (Command)type.GetMethod("Create")!.Invoke(null, null)! };
        return root.Parse(args).Invoke();
    }

    [Fact]
    public void Synth_then_verify_against_a_manifest_exits_zero_and_a_mismatch_exits_one()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, Run("data", "synth", "--out", temp.File("ds"), "--seed", "5", "--train-clips", "2", "--test-clips", "1", "--seconds", "3"));
        // The default manifest's counts are larger: a partial copy, accepted only with --allow-partial.
        Assert.Equal(1, Run("data", "verify", temp.File("ds"), "--manifest", Path.Combine(RepoPaths.Root, "data-manifests", "synthetic-default.json")));
        Assert.Equal(0, Run("data", "verify", temp.File("ds"), "--manifest", "synthetic-default", "--allow-partial"));
        File.WriteAllText(temp.File("ds", "fan", "train", "normal_id_00_00000000.wav"), "broken");
        Assert.Equal(1, Run("data", "verify", temp.File("ds"), "--manifest", "synthetic-default", "--allow-partial"));
        Assert.Equal(0, Run("data", "scan", temp.File("ds")));
    }

    [Fact]
    public void Bad_input_exits_two()
    {
        using var temp = new TempFolder();
        Assert.Equal(2, Run("data", "verify", temp.Path, "--manifest", "no-such-manifest"));
        Assert.Equal(2, Run("data", "scan", temp.File("missing")));
    }

    [SharedDataFact]
    public void Verify_shared_samples_passes_and_full_manifest_reports_partial()
    {
        Assert.Equal(0, Run("data", "verify", RepoPaths.SharedData, "--manifest", "shared-samples"));
        Assert.Equal(1, Run("data", "verify", RepoPaths.Shared("dcase2020-task2-dev-sample"), "--manifest", "dcase2020-task2-dev"));
        Assert.Equal(0, Run("data", "verify", RepoPaths.Shared("dcase2020-task2-dev-sample"), "--manifest", "dcase2020-task2-dev", "--allow-partial"));
    }
}
