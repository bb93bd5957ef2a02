using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using AnomalyLab.Data;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Data;

public class SafeArchiveExtractorTests
{
    internal static void WriteZip(string path, params (string Name, string Text, int UnixMode)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text, mode) in entries)
        {
            ZipArchiveEntry entry = zip.CreateEntry(name);
            if (mode != 0) entry.ExternalAttributes = mode << 16;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
    }

    [Fact]
    public void Zip_extracts_nested_files_and_merges_into_existing_folders()
    {
        using var temp = new TempFolder();
        WriteZip(temp.File("a.zip"), ("fan/train/normal_id_00_00000000.wav", "one", 0), ("fan/test/", "", 0));
        WriteZip(temp.File("b.zip"), ("fan/test/anomaly_id_00_00000000.wav", "two", 0));
        Assert.Equal(1, SafeArchiveExtractor.Extract(temp.File("a.zip"), temp.File("out")));
        Assert.Equal(1, SafeArchiveExtractor.Extract(temp.File("b.zip"), temp.File("out")));
        Assert.Equal("one", File.ReadAllText(temp.File("out", "fan", "train", "normal_id_00_00000000.wav")));
        Assert.Equal("two", File.ReadAllText(temp.File("out", "fan", "test", "anomaly_id_00_00000000.wav")));
        Assert.Empty(Directory.GetDirectories(temp.File("out"), ".extract-*"));
    }

    [Fact]
    public void Zip_slip_entry_is_rejected_and_nothing_lands()
    {
        using var temp = new TempFolder();
        WriteZip(temp.File("evil.zip"), ("good.txt", "ok", 0), ("../../evil.txt", "pwned", 0));
        var e = Assert.Throws<UnsafeArchiveException>(() => SafeArchiveExtractor.Extract(temp.File("evil.zip"), temp.File("out")));
        Assert.Contains("../../evil.txt", e.Message);
        Assert.Contains("outside the destination", e.Message);
        Assert.Contains(temp.File("evil.zip"), e.Message);
        Assert.False(File.Exists(temp.File("evil.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(temp.File("out")));
    }

    [Fact]
    public void Absolute_entry_is_rejected()
    {
        using var temp = new TempFolder();
        WriteZip(temp.File("abs.zip"), ("/tmp/abs.txt", "x", 0));
        var e = Assert.Throws<UnsafeArchiveException>(() => SafeArchiveExtractor.Extract(temp.File("abs.zip"), temp.File("out")));
        Assert.Contains("absolute path", e.Message);
    }

    [Fact]
    public void Zip_symlink_is_refused()
    {
        using var temp = new TempFolder();
        WriteZip(temp.File("link.zip"), ("link", "/etc/passwd", 0xA1FF));
        var e = Assert.Throws<UnsafeArchiveException>(() => SafeArchiveExtractor.Extract(temp.File("link.zip"), temp.File("out")));
        Assert.Contains("symbolic link", e.Message);
    }

    [Fact]
    public void Tar_gz_extracts_and_tar_symlink_or_slip_is_refused()
    {
        using var temp = new TempFolder();
        WriteTar(temp.File("ok.tar.gz"), gzip: true, new PaxTarEntry(TarEntryType.RegularFile, "d/file.txt") { DataStream = new MemoryStream("hi"u8.ToArray()) });
        Assert.Equal(1, SafeArchiveExtractor.Extract(temp.File("ok.tar.gz"), temp.File("out")));
        Assert.Equal("hi", File.ReadAllText(temp.File("out", "d", "file.txt")));

        WriteTar(temp.File("link.tar"), gzip: false, new PaxTarEntry(TarEntryType.SymbolicLink, "d/link") { LinkName = "/etc/passwd" });
        Assert.Contains("symbolic link", Assert.Throws<UnsafeArchiveException>(() => SafeArchiveExtractor.Extract(temp.File("link.tar"), temp.File("out2"))).Message);

        WriteTar(temp.File("slip.tar"), gzip: false, new PaxTarEntry(TarEntryType.RegularFile, "../slip.txt") { DataStream = new MemoryStream("x"u8.ToArray()) });
        Assert.Throws<UnsafeArchiveException>(() => SafeArchiveExtractor.Extract(temp.File("slip.tar"), temp.File("out3")));
        Assert.False(File.Exists(temp.File("slip.txt")));
    }

    [Fact]
    public void Existing_file_is_never_overwritten()
    {
        using var temp = new TempFolder();
        WriteZip(temp.File("a.zip"), ("x.txt", "new", 0));
        Directory.CreateDirectory(temp.File("out"));
        File.WriteAllText(temp.File("out", "x.txt"), "old");
        var e = Assert.Throws<IOException>(() => SafeArchiveExtractor.Extract(temp.File("a.zip"), temp.File("out")));
        Assert.Contains("already exist", e.Message);
        Assert.Equal("old", File.ReadAllText(temp.File("out", "x.txt")));
    }

    private static void WriteTar(string path, bool gzip, params TarEntry[] entries)
    {
        using Stream file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        foreach (TarEntry entry in entries) writer.WriteEntry(entry);
    }
}
