namespace AnomalyLab.Tests.TestSupport;

/// <summary>
/// Tests of process-wide state (the finalizer pause, the plotly.js session flag) run in this collection, alone: any test running
/// beside them could change that state between their steps.
/// </summary>
[CollectionDefinition(nameof(ProcessWideState), DisableParallelization = true)]
public sealed class ProcessWideState;
