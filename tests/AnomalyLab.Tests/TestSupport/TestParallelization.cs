// TorchSharp 0.107 passes temporary Scalar handles (e.g. Adam's alpha) to native code without keeping the managed
// object alive; a garbage collection triggered by another test thread can finalize it mid-call
// ("Expected false to be true ... toFloat at c10/core/Scalar.h"). Notebook runs, training and scoring tests use
// TorchSharp in this process, so test classes run one at a time: no foreign thread allocates during a native call.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
