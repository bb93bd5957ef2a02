namespace AnomalyLab.Tests.Training;

/// <summary>
/// Tests that seed torch's process-wide generator (torch.manual_seed) and compare results run one at a time:
/// a test class running in parallel would draw from the same generator between a seed and its use.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchRandomCollection
{
    public const string Name = "torch global random generator";
}
