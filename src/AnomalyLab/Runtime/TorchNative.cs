using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AnomalyLab.Runtime;

/// <summary>
/// Makes TorchSharp's native library loadable where the build did not lay it out — typically the NuGet cache, as in a
/// Polyglot notebook that says <c>#r "nuget: AnomalyLab"</c>. There <c>libLibTorchSharp.so</c> (package <c>torchsharp</c>)
/// and libtorch (package <c>libtorch-cpu-linux-x64</c>) sit in different folders, and the former finds the latter only
/// beside itself (<c>RUNPATH $ORIGIN</c>); on systems whose libstdc++ lacks <c>GLIBCXX_3.4.32</c> (Debian 12, Ubuntu 22.04) it
/// also needs the ELF patch of <see cref="ElfVersionNeedPatcher"/>. When the runtime's own load of <c>LibTorchSharp</c>
/// fails, this lays out a folder under <see cref="CacheFolder"/> (never touching the NuGet cache) holding the library — a
/// patched copy where the system needs it, else a link to the original — and links to libtorch's files, and hands that
/// library to the runtime through <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/>.
/// Runs automatically when the AnomalyLab assembly loads; calling <see cref="EnsureLoadable"/> again is free.
/// </summary>
public static class TorchNative
{
    private static readonly object Gate = new();
    private static bool _done;
    private static string? _patchedPath;

    /// <summary>Where patched copies live: <c>$XDG_CACHE_HOME/anomalylab/torchsharp-native</c> (default <c>~/.cache/...</c>).</summary>
    public static string CacheFolder
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "anomalylab", "torchsharp-native");
        }
    }

    /// <summary>The library this resolver laid out and loaded (patched copy or link), or null when the runtime loaded TorchSharp itself.</summary>
    public static string? PatchedLibraryPath => _patchedPath;

#pragma warning disable CA2255 // A module initializer is the only hook that runs before a notebook's first TorchSharp call.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnAssemblyLoad() => EnsureLoadable();

    /// <summary>
    /// Installs the resolver. Safe to call many times and from any thread; does nothing off Linux or without TorchSharp.
    /// </summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done) return;
            _done = true;
            if (!OperatingSystem.IsLinux()) return;
            Assembly torchSharp;
            try
            {
                torchSharp = typeof(TorchSharp.torch).Assembly;
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException)
            {
                return; // TorchSharp absent: the caller never uses it.
            }
            // The event fires only after the runtime's own probing failed, so patched build outputs never reach it.
            var context = AssemblyLoadContext.GetLoadContext(torchSharp) ?? AssemblyLoadContext.Default;
            context.ResolvingUnmanagedDll += (assembly, name) => Resolve(name, assembly);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly)
    {
        if (!libraryName.Contains("LibTorchSharp", StringComparison.Ordinal)) return IntPtr.Zero;
        string? original = FindShippedLibrary(assembly);
        if (original == null) return IntPtr.Zero;
        bool patch = !ElfVersionNeedPatcher.SystemLibStdCxxProvides(ElfVersionNeedPatcher.TorchSharpGlibcxxVersion)
            && ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(original), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, original) == ElfVersionNeedPatcher.NeedState.Strong;
        _patchedPath = PrepareFolder(original, patch);
        return NativeLibrary.Load(_patchedPath);
    }

    /// <summary>
    /// The folder (under <see cref="CacheFolder"/>, keyed by the original's size, time and <paramref name="patch"/>) holding
    /// <c>libLibTorchSharp.so</c> — a patched copy when <paramref name="patch"/>, else a link to <paramref name="original"/> —
    /// and links to the libtorch libraries it needs; returns the library's path there.
    /// </summary>
    internal static string PrepareFolder(string original, bool patch)
    {
        var info = new FileInfo(original);
        string folder = Path.Combine(CacheFolder, $"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}-{(patch ? "patched" : "linked")}");
        string library = Path.Combine(folder, ElfVersionNeedPatcher.TorchSharpNativeFileName);
        Directory.CreateDirectory(folder);
        if (patch)
        {
            bool stale = !File.Exists(library)
                || ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(library), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, library) != ElfVersionNeedPatcher.NeedState.Weak;
            if (stale) ElfVersionNeedPatcher.PatchFile(original, library, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion);
        }
        else Link(library, original);
        // The library's RUNPATH is $ORIGIN, so libtorch and friends must be findable beside it: link them in.
        foreach (string dependencyFolder in NativeSearchFolders(original))
        {
            foreach (string dependency in Directory.EnumerateFiles(dependencyFolder, "*.so*"))
            {
                string name = Path.GetFileName(dependency);
                if (name != ElfVersionNeedPatcher.TorchSharpNativeFileName) Link(Path.Combine(folder, name), dependency);
            }
        }
        return library;
    }

    private static void Link(string link, string target)
    {
        if (File.Exists(link) || Directory.Exists(link)) return;
        try
        {
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException)
        {
            // A concurrent process made the same link.
        }
    }

    private static IEnumerable<string> NativeSearchFolders(string original)
    {
        // The library's own package layout first (the libtorch it was built with), the application's native folders after.
        var folders = new List<string> { Path.GetDirectoryName(original)! };
        // NuGet cache layout: <root>/torchsharp/<v>/runtimes/linux-x64/native/libLibTorchSharp.so (six levels below <root>)
        // → <root>/libtorch-cpu-linux-x64/<v>/runtimes/linux-x64/native.
        string? packagesRoot = Ancestor(original, 6);
        if (packagesRoot != null)
        {
            string libtorch = Path.Combine(packagesRoot, "libtorch-cpu-linux-x64");
            if (Directory.Exists(libtorch))
            {
                foreach (string version in Directory.EnumerateDirectories(libtorch).OrderByDescending(v => v, StringComparer.Ordinal))
                    folders.Add(Path.Combine(version, "runtimes", "linux-x64", "native"));
            }
        }
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string list)
            folders.AddRange(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        // Only folders that hold libtorch itself: the runtime's own native folder must not be linked in.
        return folders.Where(f => File.Exists(Path.Combine(f, "libtorch_cpu.so")) || File.Exists(Path.Combine(f, "libtorch.so")))
            .Distinct(StringComparer.Ordinal);
    }

    private static string? FindShippedLibrary(Assembly torchSharp)
    {
        var candidates = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string list)
            candidates.AddRange(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        string? assemblyFolder = Path.GetDirectoryName(torchSharp.Location);
        if (!string.IsNullOrEmpty(assemblyFolder))
        {
            candidates.Add(assemblyFolder);
            candidates.Add(Path.Combine(assemblyFolder, "runtimes", "linux-x64", "native"));
            string? packageFolder = Ancestor(assemblyFolder, 2);
            if (packageFolder != null) candidates.Add(Path.Combine(packageFolder, "runtimes", "linux-x64", "native"));
        }
        return candidates
            .Select(folder => Path.Combine(folder, ElfVersionNeedPatcher.TorchSharpNativeFileName))
            .FirstOrDefault(File.Exists);
    }

    private static string? Ancestor(string path, int levels)
    {
        string? current = path;
        for (int i = 0; i < levels && current != null; i++) current = Path.GetDirectoryName(current);
        return current;
    }
}
