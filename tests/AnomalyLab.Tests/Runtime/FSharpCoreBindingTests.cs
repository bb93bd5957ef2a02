using System.Reflection;
using AnomalyLab.Runtime;

namespace AnomalyLab.Tests.Runtime;

public sealed class FSharpCoreBindingTests
{
    private static readonly Assembly FSharpCore = typeof(Microsoft.FSharp.Core.Unit).Assembly;

    [Fact]
    public void A_request_for_a_newer_fsharp_core_of_the_same_major_version_gets_the_loaded_one()
    {
        Version loaded = FSharpCore.GetName().Version!;
        var newer = new AssemblyName($"FSharp.Core, Version={loaded.Major}.{loaded.Minor + 1}.0.0");
        Assert.Same(FSharpCore, FSharpCoreBinding.Resolve(newer, [typeof(object).Assembly, FSharpCore]));
        Assert.Same(FSharpCore, FSharpCoreBinding.Resolve(new AssemblyName($"FSharp.Core, Version={loaded}"), [FSharpCore]));
    }

    [Fact]
    public void Other_major_versions_older_requests_and_other_assemblies_are_left_to_the_runtime()
    {
        Version loaded = FSharpCore.GetName().Version!;
        Assert.Null(FSharpCoreBinding.Resolve(new AssemblyName($"FSharp.Core, Version={loaded.Major + 1}.0.0.0"), [FSharpCore]));
        if (loaded.Minor > 0 || loaded.Build > 0)
            Assert.Null(FSharpCoreBinding.Resolve(new AssemblyName($"FSharp.Core, Version={loaded.Major}.0.0.0"), [FSharpCore]));
        Assert.Null(FSharpCoreBinding.Resolve(new AssemblyName($"Plotly.NET, Version={loaded}"), [FSharpCore]));
        Assert.Null(FSharpCoreBinding.Resolve(new AssemblyName($"FSharp.Core, Version={loaded.Major}.9.0.0"), [typeof(object).Assembly]));
    }
}
