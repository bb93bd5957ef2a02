using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace AnomalyLab.Data;

/// <summary>Options of <see cref="ArchiveFetcher"/>.</summary>
public sealed record FetchOptions
{
    /// <summary>Replaces each archive's URL by <c>&lt;BaseUrl&gt;/&lt;archive name&gt;</c> (a mirror, or a <c>file://</c> folder). Default null.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Only these archives (by name); null = all.</summary>
    public IReadOnlyCollection<string>? Archives { get; init; }

    /// <summary>Attempts per archive; each retry resumes where the last stopped. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Refuse archives the manifest gives no checksum for. Default false (the computed SHA-256 is reported instead).</summary>
    public bool RequireChecksum { get; init; }

    /// <summary>Extract after downloading. Default true.</summary>
    public bool Extract { get; init; } = true;

    /// <summary>Bounds on what an archive may expand to (absolute and by ratio). Default <see cref="AnomalyLab.IO.DecompressionLimits.Default"/>.</summary>
    public AnomalyLab.IO.DecompressionLimits Limits { get; init; } = AnomalyLab.IO.DecompressionLimits.Default;

    /// <summary>HTTP client to use (tests, proxies); null = a shared default client.</summary>
    public HttpClient? Client { get; init; }
}

/// <summary>What happened to one archive.</summary>
/// <param name="Name">Archive name.</param>
/// <param name="Path">The downloaded archive.</param>
/// <param name="Sha256">SHA-256 of the archive as downloaded.</param>
/// <param name="Verified">True when a published checksum was compared and matched; false when the manifest has none.</param>
/// <param name="Resumed">True when the download continued a partial file.</param>
/// <param name="ExtractedFiles">Files extracted (0 when not extracted).</param>
public sealed record FetchedArchive(string Name, string Path, string Sha256, bool Verified, bool Resumed, int ExtractedFiles);

/// <summary>
/// Downloads a manifest's archives over HTTP(S) or from <c>file://</c> URLs into <c>&lt;to&gt;/.downloads/</c>: each goes to
/// <c>&lt;name&gt;.part</c>, resumes with a Range request after a cut, is checked against the published SHA-256/MD5 (a mismatch
/// deletes the part file and fails), renamed into place, and extracted by <see cref="SafeArchiveExtractor"/>.
/// </summary>
public static class ArchiveFetcher
{
    /// <summary>Folder under the destination holding downloaded archives.</summary>
    public const string DownloadFolder = ".downloads";

    private static readonly Lazy<HttpClient> DefaultClient = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>Fetches the archives of <paramref name="manifest"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">Checksum mismatch, or no checksum when <see cref="FetchOptions.RequireChecksum"/>.</exception>
    /// <exception cref="InvalidOperationException">The manifest lists no downloadable archive.</exception>
    public static async Task<IReadOnlyList<FetchedArchive>> FetchAsync(DataManifest manifest, string destination, FetchOptions? options = null,
        IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new FetchOptions();
        var archives = manifest.Archives.Where(a => options.Archives == null || options.Archives.Contains(a.Name)).ToList();
        if (options.Archives != null)
        {
            var unknown = options.Archives.Except(manifest.Archives.Select(a => a.Name)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"manifest '{manifest.Name}' has no archive {string.Join(", ", unknown)}; it lists {string.Join(", ", manifest.Archives.Select(a => a.Name))}.");
        }
        if (archives.Count == 0) throw new InvalidOperationException($"manifest '{manifest.Name}' lists no archives to fetch.");
        string target = Path.GetFullPath(destination);
        var results = new List<FetchedArchive>();
        foreach (ManifestArchive archive in archives)
        {
            if (archive.Name.IndexOfAny(['/', '\\']) >= 0 || archive.Name is "." or "..")
                throw new InvalidDataException($"manifest '{manifest.Name}': archive name '{archive.Name}' must be a plain file name.");
            if (options.RequireChecksum && archive.Sha256 == null && archive.Md5 == null)
                throw new InvalidDataException($"manifest '{manifest.Name}': archive {archive.Name} has no published checksum and --require-checksum is set.");
            string? url = options.BaseUrl != null ? options.BaseUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(archive.Name) : archive.Url;
            if (url == null) throw new InvalidOperationException($"manifest '{manifest.Name}': archive {archive.Name} has no URL; pass a base URL (--base-url) of a mirror.");
            string file = Path.Combine(target, DownloadFolder, archive.Name);
            var (sha, resumed) = await DownloadAsync(new Uri(url), file, archive.Sha256, archive.Md5, options, progress, cancellation);
            string into = archive.ExtractTo == null ? target : SafeArchiveExtractor.ResolveEntry(archive.Name, target, archive.ExtractTo);
            int extracted = !options.Extract ? 0
                : SafeArchiveExtractor.IsArchive(file) ? SafeArchiveExtractor.Extract(file, into, options.Limits)
                : PlaceFile(file, into);
            results.Add(new FetchedArchive(archive.Name, file, sha, archive.Sha256 != null || archive.Md5 != null, resumed, extracted));
        }
        return results;
    }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="file"/> via <c>file.part</c>, resuming a partial part file, then
    /// verifies the checksums given (null = not checked). An existing complete <paramref name="file"/> that matches is kept.
    /// </summary>
    /// <returns>The SHA-256 of the file and whether a partial download was resumed.</returns>
    public static async Task<(string Sha256, bool Resumed)> DownloadAsync(Uri url, string file, string? sha256, string? md5, FetchOptions? options = null,
        IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new FetchOptions();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (File.Exists(file) && Mismatch(file, sha256, md5) == null && (sha256 != null || md5 != null))
            return (Hash(file, HashAlgorithmName.SHA256), false);
        string part = file + ".part";
        bool resumed = false;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                resumed |= await CopyToPartAsync(url, part, options.Client ?? DefaultClient.Value, Path.GetFileName(file), progress, cancellation);
                break;
            }
            catch (Exception e) when (e is IOException or HttpRequestException && attempt < options.MaxAttempts && !cancellation.IsCancellationRequested)
            {
                // Retry: the next attempt resumes from the part file's length.
            }
        }
        string? mismatch = Mismatch(part, sha256, md5);
        if (mismatch != null)
        {
            File.Delete(part);
            throw new InvalidDataException($"{url}: {mismatch}; the download was deleted (corrupt or tampered).");
        }
        string sha = Hash(part, HashAlgorithmName.SHA256);
        File.Move(part, file, overwrite: true);
        return (sha, resumed);
    }

    /// <summary>Appends the rest of <paramref name="url"/> to <paramref name="part"/>; true when it resumed.</summary>
    private static async Task<bool> CopyToPartAsync(Uri url, string part, HttpClient client, string name, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        long existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (url.IsFile)
        {
            string source = url.LocalPath;
            if (!File.Exists(source)) throw new FileNotFoundException($"{source}: archive not found at the file:// source.", source);
            await using var input = File.OpenRead(source);
            if (existing > input.Length) existing = 0;
            input.Position = existing;
            await using var output = new FileStream(part, existing > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write);
            await CopyAsync(input, output, existing, input.Length, name, progress, cancellation);
            return existing > 0;
        }
        if (url.Scheme is not ("http" or "https")) throw new ArgumentException($"{url}: only http, https and file URLs can be fetched.");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
        {
            // The part file already holds everything (or more): verification decides.
            return true;
        }
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        bool resuming = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        if (resuming && response.Content.Headers.ContentRange?.From is { } from && from != existing)
            throw new IOException($"{url}: server resumed at byte {from}, expected {existing}.");
        long start = resuming ? existing : 0;
        long? length = response.Content.Headers.ContentLength;
        long total = length is { } l ? start + l : 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        await using var stream = new FileStream(part, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write);
        await CopyAsync(body, stream, start, total, name, progress, cancellation);
        if (length is { } expected && stream.Length != start + expected)
            throw new IOException($"{url}: connection ended after {stream.Length - start} of {expected} bytes.");
        return resuming;
    }

    private static async Task CopyAsync(Stream input, Stream output, long done, long total, string name, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellation)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellation);
            done += read;
            progress?.Report(new StageProgress($"downloading {name}", done, total));
        }
        await output.FlushAsync(cancellation);
    }

    /// <summary>A downloaded plain file (not an archive, e.g. a CWRU .mat) is copied into place; an existing different file is an error.</summary>
    private static int PlaceFile(string file, string folder)
    {
        string destination = Path.Combine(folder, Path.GetFileName(file));
        if (File.Exists(destination))
        {
            if (Hash(destination, HashAlgorithmName.SHA256) == Hash(file, HashAlgorithmName.SHA256)) return 1;
            throw new IOException($"{destination}: already exists with different content; remove it or fetch elsewhere.");
        }
        IO.AtomicFile.Write(destination, output =>
        {
            using var input = File.OpenRead(file);
            input.CopyTo(output);
        });
        return 1;
    }

    private static string? Mismatch(string path, string? sha256, string? md5)
    {
        if (sha256 != null)
        {
            string actual = Hash(path, HashAlgorithmName.SHA256);
            if (!actual.Equals(sha256, StringComparison.OrdinalIgnoreCase)) return $"SHA-256 mismatch: expected {sha256.ToLowerInvariant()}, got {actual}";
        }
        if (md5 != null)
        {
            string actual = Hash(path, HashAlgorithmName.MD5);
            if (!actual.Equals(md5, StringComparison.OrdinalIgnoreCase)) return $"MD5 mismatch: expected {md5.ToLowerInvariant()}, got {actual}";
        }
        return null;
    }

    private static string Hash(string path, HashAlgorithmName algorithm)
    {
        using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
