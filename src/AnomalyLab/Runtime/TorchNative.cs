using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AnomalyLab.Runtime;

/// <summary>
/// Makes TorchSharp's native library loadable on systems whose libstdc++ lacks <c>GLIBCXX_3.4.32</c>
/// (Debian 12, Ubuntu 22.04) when it is loaded from a place the build did not patch — typically the NuGet
/// cache, as in a Polyglot notebook that says <c>#r "nuget: AnomalyLab"</c>. When the normal load of
/// <c>LibTorchSharp</c> fails, it writes a patched copy under <see cref="CacheFolder"/> (never touching the NuGet
/// cache) and hands that to the runtime through <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/>.
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

    /// <summary>The patched copy in use, or null when none was needed.</summary>
    public static string? PatchedLibraryPath => _patchedPath;

#pragma warning disable CA2255 // A module initializer is the only hook that runs before a notebook's first TorchSharp call.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnAssemblyLoad() => EnsureLoadable();

    /// <summary>
    /// Installs the resolver when needed. Safe to call many times and from any thread; does nothing off Linux
    /// or when the system libstdc++ provides the version.
    /// </summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done) return;
            _done = true;
            if (!OperatingSystem.IsLinux()) return;
            if (ElfVersionNeedPatcher.SystemLibStdCxxProvides(ElfVersionNeedPatcher.TorchSharpGlibcxxVersion)) return;
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
        byte[] bytes = File.ReadAllBytes(original);
        if (ElfVersionNeedPatcher.Inspect(bytes, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, original) != ElfVersionNeedPatcher.NeedState.Strong)
            return NativeLibrary.Load(original);
        string folder = PreparePatchedFolder(original, bytes.Length);
        // The copy's RUNPATH is $ORIGIN, so libtorch and friends must be findable beside it: link them in.
        _patchedPath = Path.Combine(folder, ElfVersionNeedPatcher.TorchSharpNativeFileName);
        return NativeLibrary.Load(_patchedPath);
    }

    private static string PreparePatchedFolder(string original, long length)
    {
        string key = $"{length:x}-{File.GetLastWriteTimeUtc(original).Ticks:x}";
        string folder = Path.Combine(CacheFolder, key);
        string patched = Path.Combine(folder, ElfVersionNeedPatcher.TorchSharpNativeFileName);
        Directory.CreateDirectory(folder);
        bool stale = !File.Exists(patched)
            || ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(patched), ElfVersionNeedPatcher.TorchSharpGlibcxxVersion, patched) != ElfVersionNeedPatcher.NeedState.Weak;
        if (stale) ElfVersionNeedPatcher.PatchFile(original, patched, ElfVersionNeedPatcher.TorchSharpGlibcxxVersion);
        foreach (string dependencyFolder in NativeSearchFolders(original))
        {
            foreach (string library in Directory.EnumerateFiles(dependencyFolder, "*.so*"))
            {
                string name = Path.GetFileName(library);
                if (name == ElfVersionNeedPatcher.TorchSharpNativeFileName) continue;
                string link = Path.Combine(folder, name);
                if (File.Exists(link) || Directory.Exists(link)) continue;
                try
                {
                    File.CreateSymbolicLink(link, library);
                }
                catch (IOException)
                {
                    // A concurrent process made the same link.
                }
            }
        }
        return folder;
    }

    private static IEnumerable<string> NativeSearchFolders(string original)
    {
        var folders = new List<string> { Path.GetDirectoryName(original)! };
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string list)
            folders.AddRange(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
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
