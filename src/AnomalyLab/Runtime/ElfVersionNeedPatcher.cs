// This file is compiled twice: into the AnomalyLab library (ANOMALYLAB_LIBRARY defined), where the
// runtime loader uses it for notebooks that load TorchSharp from the NuGet cache, and by MSBuild's
// RoslynCodeTaskFactory (src/build/TorchSharpNativeFix.targets), where the task class at the end patches
// build and publish outputs. One implementation serves both. Keep it to C# that netstandard compiles.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AnomalyLab.Runtime
{
    /// <summary>
    /// Marks one entry of an ELF64 little-endian shared object's version-need table (<c>.gnu.version_r</c>)
    /// as weak (<c>vna_flags |= VER_FLG_WEAK</c>), so the dynamic loader no longer refuses the library when the
    /// system's provider lacks that version. Only correct when no relocation binds a symbol of that version,
    /// as for TorchSharp 0.107's <c>GLIBCXX_3.4.32</c> need (it names only <c>_ZSt21ios_base_library_initv</c>).
    /// </summary>
    public static class ElfVersionNeedPatcher
    {
        /// <summary>The version TorchSharp 0.107's libLibTorchSharp.so asks of libstdc++.</summary>
        public const string TorchSharpGlibcxxVersion = "GLIBCXX_3.4.32";

        /// <summary>The library file TorchSharp loads through P/Invoke on Linux.</summary>
        public const string TorchSharpNativeFileName = "libLibTorchSharp.so";

        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>What <see cref="Inspect"/> found for one version name.</summary>
        public enum NeedState
        {
            /// <summary>The file does not ask for that version.</summary>
            Absent,
            /// <summary>The file asks for it and the loader will insist on it.</summary>
            Strong,
            /// <summary>The file asks for it, marked weak: the loader tolerates its absence.</summary>
            Weak,
        }

        /// <summary>Reads the version-need entry <paramref name="versionName"/> of an ELF image.</summary>
        /// <exception cref="InvalidDataException">The bytes are not an ELF64 little-endian file or its tables are out of bounds.</exception>
        public static NeedState Inspect(byte[] elf, string versionName, string fileForErrors)
        {
            NeedState state = NeedState.Absent;
            foreach (int flagsOffset in FindVernauxFlags(elf, versionName, fileForErrors))
            {
                ushort flags = BitConverter.ToUInt16(elf, flagsOffset);
                state = (flags & VerFlgWeak) != 0 ? NeedState.Weak : NeedState.Strong;
                if (state == NeedState.Strong) break;
            }
            return state;
        }

        /// <summary>Sets VER_FLG_WEAK on every version-need entry named <paramref name="versionName"/>.</summary>
        /// <returns>The number of entries changed (0 when already weak or absent).</returns>
        public static int MarkWeak(byte[] elf, string versionName, string fileForErrors)
        {
            int changed = 0;
            foreach (int flagsOffset in FindVernauxFlags(elf, versionName, fileForErrors))
            {
                ushort flags = BitConverter.ToUInt16(elf, flagsOffset);
                if ((flags & VerFlgWeak) != 0) continue;
                byte[] patched = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                elf[flagsOffset] = patched[0];
                elf[flagsOffset + 1] = patched[1];
                changed++;
            }
            return changed;
        }

        /// <summary>
        /// Patches <paramref name="sourcePath"/> into <paramref name="destinationPath"/> (which may be the same file).
        /// The result is written to a temporary file beside the destination and moved into place, so a reader
        /// never sees half a library. Nothing is written when the entry is already weak or absent and the paths agree.
        /// </summary>
        /// <returns>The number of entries that were strong and are now weak.</returns>
        public static int PatchFile(string sourcePath, string destinationPath, string versionName)
        {
            byte[] elf = File.ReadAllBytes(sourcePath);
            int changed = MarkWeak(elf, versionName, sourcePath);
            bool samePath = string.Equals(Path.GetFullPath(sourcePath), Path.GetFullPath(destinationPath), StringComparison.Ordinal);
            if (changed == 0 && samePath) return 0;
            string directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath)) ?? ".";
            Directory.CreateDirectory(directory);
            string temporary = Path.Combine(directory, "." + Path.GetFileName(destinationPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllBytes(temporary, elf);
                // Both are renames on Unix: the destination is swapped whole or not at all.
                if (File.Exists(destinationPath)) File.Replace(temporary, destinationPath, null);
                else File.Move(temporary, destinationPath);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            return changed;
        }

        /// <summary>
        /// True when the libstdc++ this process uses (or, failing that, the system's) defines
        /// <paramref name="versionName"/>. Non-Linux systems answer true: nothing to patch there.
        /// </summary>
        public static bool SystemLibStdCxxProvides(string versionName)
        {
            string? library = FindLibStdCxx();
            if (library == null) return true;
            byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
            byte[] haystack = File.ReadAllBytes(library);
            return IndexOf(haystack, needle) >= 0;
        }

        /// <summary>The libstdc++.so.6 mapped into this process, else the first one in the usual system folders; null off Linux.</summary>
        public static string? FindLibStdCxx()
        {
            if (!File.Exists("/proc/self/maps")) return null;
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                string path = line.Substring(slash).Trim();
                if (Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal) && File.Exists(path)) return path;
            }
            string[] folders = { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" };
            foreach (string folder in folders)
            {
                string candidate = Path.Combine(folder, "libstdc++.so.6");
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static IEnumerable<int> FindVernauxFlags(byte[] elf, string versionName, string file)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException($"{file}: not an ELF file (magic bytes missing).");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException($"{file}: expected a 64-bit little-endian ELF file, found class {elf[4]}, data {elf[5]}.");
            long sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
            int sectionEntrySize = BitConverter.ToUInt16(elf, 0x3A);
            int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
            if (sectionTable <= 0 || sectionEntrySize < 64 || sectionTable + (long)sectionEntrySize * sectionCount > elf.Length)
                throw new InvalidDataException($"{file}: section header table lies outside the file.");
            var offsets = new List<int>();
            for (int s = 0; s < sectionCount; s++)
            {
                int header = checked((int)(sectionTable + (long)s * sectionEntrySize));
                if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
                long needOffset = (long)BitConverter.ToUInt64(elf, header + 0x18);
                long needSize = (long)BitConverter.ToUInt64(elf, header + 0x20);
                int linked = (int)BitConverter.ToUInt32(elf, header + 0x28);
                int entries = (int)BitConverter.ToUInt32(elf, header + 0x2C);
                if (linked >= sectionCount || needOffset + needSize > elf.Length)
                    throw new InvalidDataException($"{file}: .gnu.version_r lies outside the file.");
                int stringsHeader = checked((int)(sectionTable + (long)linked * sectionEntrySize));
                long strings = (long)BitConverter.ToUInt64(elf, stringsHeader + 0x18);
                long stringsSize = (long)BitConverter.ToUInt64(elf, stringsHeader + 0x20);
                long need = needOffset;
                for (int n = 0; n < entries; n++)
                {
                    RequireInside(elf, need, 16, file);
                    int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                    long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        RequireInside(elf, aux, 16, file);
                        long name = BitConverter.ToUInt32(elf, (int)aux + 8);
                        if (name < stringsSize && ReadCString(elf, strings + name) == versionName) offsets.Add((int)aux + 4);
                        uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint nextNeed = BitConverter.ToUInt32(elf, (int)need + 12);
                    if (nextNeed == 0) break;
                    need += nextNeed;
                }
            }
            return offsets;
        }

        private static void RequireInside(byte[] elf, long offset, int length, string file)
        {
            if (offset < 0 || offset + length > elf.Length)
                throw new InvalidDataException($"{file}: version-need entry at offset {offset} lies outside the file ({elf.Length} bytes).");
        }

        private static string ReadCString(byte[] bytes, long start)
        {
            long end = start;
            while (end < bytes.Length && bytes[end] != 0) end++;
            return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (haystack[i] != needle[0]) continue;
                int j = 1;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }
}

#if !ANOMALYLAB_LIBRARY
namespace AnomalyLab.Build
{
    /// <summary>MSBuild task: patches each given libLibTorchSharp.so in place when the system libstdc++ lacks GLIBCXX_3.4.32.</summary>
    public sealed class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        /// <summary>Native library files to patch (build or publish outputs, never the NuGet cache).</summary>
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = System.Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            if (Files.Length == 0) return true;
            string version = AnomalyLab.Runtime.ElfVersionNeedPatcher.TorchSharpGlibcxxVersion;
            if (AnomalyLab.Runtime.ElfVersionNeedPatcher.SystemLibStdCxxProvides(version))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "libstdc++ provides " + version + "; TorchSharp natives left as shipped.");
                return true;
            }
            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                int changed = AnomalyLab.Runtime.ElfVersionNeedPatcher.PatchFile(path, path, version);
                if (changed > 0)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, "AnomalyLab: marked " + version + " weak in " + path + " (system libstdc++ lacks it).");
            }
            return !Log.HasLoggedErrors;
        }
    }
}
#endif
