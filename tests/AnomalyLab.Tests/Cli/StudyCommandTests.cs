namespace AnomalyLab.Tests.Cli;

public sealed class StudyCommandTests
{
    [Fact]
    public void A_missing_model_checkpoint_is_named_and_exits_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.ckpt");
        var result = CliRunner.Run("study", "--model", missing, "--out", Path.Combine(Path.GetTempPath(), $"study-{Guid.NewGuid():N}"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.StandardError);
    }
}
