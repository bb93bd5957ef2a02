using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AnomalyLab.Data;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

/// <summary>
/// A loopback HTTP server on 127.0.0.1 serving one byte array with Range support. With <c>cutAfter</c> set, the first
/// full response is aborted after that many bytes (a dropped connection). Serves at most <c>maxRequests</c> requests and
/// stops itself after 30 s.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private int _cutAfter;

    public LoopbackServer(byte[] content, int cutAfter = 0, int maxRequests = 10)
    {
        _content = content;
        _cutAfter = cutAfter;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(() => Serve(maxRequests));
    }

    public string BaseUrl { get; }

    public List<string?> RangeHeaders { get; } = [];

    private async Task Serve(int maxRequests)
    {
        using var registration = _stop.Token.Register(() => _listener.Stop());
        for (int i = 0; i < maxRequests && !_stop.IsCancellationRequested; i++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            string? range = context.Request.Headers["Range"];
            lock (RangeHeaders) RangeHeaders.Add(range);
            long start = range != null ? long.Parse(range["bytes=".Length..].TrimEnd('-')) : 0;
            var response = context.Response;
            if (start >= _content.Length)
            {
                response.StatusCode = 416;
                response.Close();
                continue;
            }
            response.StatusCode = range != null ? 206 : 200;
            if (range != null) response.Headers["Content-Range"] = $"bytes {start}-{_content.Length - 1}/{_content.Length}";
            response.ContentLength64 = _content.Length - start;
            try
            {
                if (_cutAfter > 0 && range == null)
                {
                    await response.OutputStream.WriteAsync(_content.AsMemory(0, _cutAfter));
                    await response.OutputStream.FlushAsync();
                    _cutAfter = 0;
                    response.Abort();
                    continue;
                }
                await response.OutputStream.WriteAsync(_content.AsMemory((int)start));
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); } catch (ObjectDisposedException) { }
        _loop.Wait(TimeSpan.FromSeconds(5));
        _listener.Close();
        _stop.Dispose();
    }
}

public class ArchiveFetcherTests
{
    private static byte[] ZipBytes(TempFolder temp, int payloadBytes = 200_000)
    {
        var payload = new byte[payloadBytes];
        new Random(3).NextBytes(payload); // incompressible, so the archive is large enough to cut mid-way
        string path = temp.File("src.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("fan/train/normal_id_00_00000000.wav", System.IO.Compression.CompressionLevel.NoCompression).Open();
            stream.Write(payload);
        }
        return File.ReadAllBytes(path);
    }

    private static DataManifest Manifest(string? sha256, string? md5 = null, string name = "data.zip") => new()
    {
        Name = "test",
        Archives = [new ManifestArchive(name, Sha256: sha256, Md5: md5)],
        Parts = [new ManifestPart()],
    };

    [Fact]
    public async Task Http_download_resumes_after_a_cut_verifies_and_extracts()
    {
        using var temp = new TempFolder();
        byte[] zip = ZipBytes(temp);
        string sha = Convert.ToHexStringLower(SHA256.HashData(zip));
        using var server = new LoopbackServer(zip, cutAfter: zip.Length / 3);
        var options = new FetchOptions { BaseUrl = server.BaseUrl, MaxAttempts = 1 };

        await Assert.ThrowsAnyAsync<Exception>(() => ArchiveFetcher.FetchAsync(Manifest(sha), temp.File("out"), options));
        string part = temp.File("out", ArchiveFetcher.DownloadFolder, "data.zip.part");
        long partial = new FileInfo(part).Length;
        Assert.InRange(partial, 1, zip.Length - 1);

        var results = await ArchiveFetcher.FetchAsync(Manifest(sha), temp.File("out"), options);
        FetchedArchive result = Assert.Single(results);
        Assert.True(result.Resumed);
        Assert.True(result.Verified);
        Assert.Equal(sha, result.Sha256);
        Assert.Equal($"bytes={partial}-", server.RangeHeaders[^1]);
        Assert.False(File.Exists(part));
        Assert.Equal(200_000, new FileInfo(temp.File("out", "fan", "train", "normal_id_00_00000000.wav")).Length);
    }

    [Fact]
    public async Task Retries_resume_within_one_call()
    {
        using var temp = new TempFolder();
        byte[] zip = ZipBytes(temp);
        using var server = new LoopbackServer(zip, cutAfter: zip.Length / 2);
        string md5 = Convert.ToHexStringLower(MD5.HashData(zip));
        var result = Assert.Single(await ArchiveFetcher.FetchAsync(Manifest(null, md5), temp.File("out"), new FetchOptions { BaseUrl = server.BaseUrl }));
        Assert.True(result.Resumed && result.Verified);
        Assert.Equal(2, server.RangeHeaders.Count);
    }

    [Fact]
    public async Task Checksum_mismatch_fails_names_both_hashes_and_deletes_the_download()
    {
        using var temp = new TempFolder();
        byte[] zip = ZipBytes(temp, 1000);
        using var server = new LoopbackServer(zip);
        string wrong = new string('0', 64);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ArchiveFetcher.FetchAsync(Manifest(wrong), temp.File("out"), new FetchOptions { BaseUrl = server.BaseUrl }));
        Assert.Contains("SHA-256 mismatch", e.Message);
        Assert.Contains(wrong, e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(zip)), e.Message);
        Assert.Empty(Directory.GetFiles(temp.File("out", ArchiveFetcher.DownloadFolder)));
        Assert.False(Directory.Exists(temp.File("out", "fan")));
    }

    [Fact]
    public async Task File_url_source_with_partial_part_resumes()
    {
        using var temp = new TempFolder();
        byte[] zip = ZipBytes(temp, 5000);
        Directory.CreateDirectory(temp.File("mirror"));
        File.WriteAllBytes(temp.File("mirror", "data.zip"), zip);
        Directory.CreateDirectory(temp.File("out", ArchiveFetcher.DownloadFolder));
        File.WriteAllBytes(temp.File("out", ArchiveFetcher.DownloadFolder, "data.zip.part"), zip[..1234]);
        string sha = Convert.ToHexStringLower(SHA256.HashData(zip));
        var result = Assert.Single(await ArchiveFetcher.FetchAsync(Manifest(sha), temp.File("out"), new FetchOptions { BaseUrl = new Uri(temp.File("mirror")).AbsoluteUri }));
        Assert.True(result.Resumed);
        Assert.True(File.Exists(temp.File("out", "fan", "train", "normal_id_00_00000000.wav")));
    }

    [Fact]
    public async Task Zip_slip_archive_from_the_network_is_rejected()
    {
        using var temp = new TempFolder();
        SafeArchiveExtractorTests.WriteZip(temp.File("evil.zip"), ("../escape.txt", "x", 0));
        using var server = new LoopbackServer(File.ReadAllBytes(temp.File("evil.zip")));
        await Assert.ThrowsAsync<UnsafeArchiveException>(() => ArchiveFetcher.FetchAsync(Manifest(null), temp.File("out"), new FetchOptions { BaseUrl = server.BaseUrl }));
        Assert.False(File.Exists(temp.File("escape.txt")));
    }

    [Fact]
    public async Task Missing_checksum_can_be_required_and_unknown_archives_are_named()
    {
        using var temp = new TempFolder();
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ArchiveFetcher.FetchAsync(Manifest(null), temp.Path, new FetchOptions { RequireChecksum = true, BaseUrl = "http://127.0.0.1:9" }));
        Assert.Contains("no published checksum", e.Message);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => ArchiveFetcher.FetchAsync(Manifest(null), temp.Path, new FetchOptions { Archives = ["other.zip"] }));
        Assert.Contains("other.zip", unknown.Message);
        Assert.Contains("data.zip", unknown.Message);
    }
}
