using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace AnomalyLab.Runtime;

/// <summary>
/// Lets Plotly.NET run inside a .NET Interactive kernel whose own FSharp.Core is older than the one Plotly.NET was built
/// against. Plotly.NET 6.0.0 (the only version the package feed serves) references FSharp.Core 10.1.0.0; the kernel
/// (Microsoft.dotnet-interactive 1.0.712001) ships and has already loaded FSharp.Core 10.0.0.0, and one load context holds one
/// FSharp.Core, so the request for 10.1 would fail with <c>FileNotFoundException</c>. When that request reaches the default
/// context's <c>Resolving</c> event (only after the runtime's own binding failed) and an FSharp.Core of the same major version
/// is already loaded, this hands that one back. Every figure the notebooks draw runs through it in CI, in the real kernel.
/// Outside such a host (the CLI, tests) the runtime binds FSharp.Core 10.1 itself and the event never fires for it.
/// </summary>
public static class FSharpCoreBinding
{
    private static int installed;

#pragma warning disable CA2255 // A module initializer is the only hook that runs before a notebook's first figure.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnAssemblyLoad() => Install();

    /// <summary>Installs the handler once per process; further calls do nothing.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (_, requested) => Resolve(requested, AppDomain.CurrentDomain.GetAssemblies());
    }

    /// <summary>
    /// The already-loaded FSharp.Core that stands in for <paramref name="requested"/>: same simple name and major version,
    /// lower or equal version; null for any other request.
    /// </summary>
    public static Assembly? Resolve(AssemblyName requested, IEnumerable<Assembly> loaded)
    {
        if (!string.Equals(requested.Name, "FSharp.Core", StringComparison.Ordinal) || requested.Version is not { } wanted) return null;
        return loaded.FirstOrDefault(assembly =>
        {
            AssemblyName name = assembly.GetName();
            return string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal) && name.Version is { } version
                && version.Major == wanted.Major && version <= wanted;
        });
    }
}
