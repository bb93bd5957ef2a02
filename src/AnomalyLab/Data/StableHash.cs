using System.Text;

namespace AnomalyLab.Data;

/// <summary>
/// Deterministic 64-bit FNV-1a hashes for seeding per-clip random generators: <see cref="string.GetHashCode()"/> is
/// randomised per process, which would break "same seed → same files".
/// </summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>A 31-bit seed for <see cref="Random"/> from a base seed and a path-like key.</summary>
    public static int Seed(int baseSeed, string key)
    {
        ulong h = Of($"{baseSeed}/{key}");
        return (int)((h ^ (h >> 32)) & 0x7FFF_FFFF);
    }
}
