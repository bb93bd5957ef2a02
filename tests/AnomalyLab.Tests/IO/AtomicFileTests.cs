using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void Writes_creates_folders_and_replaces_existing_content()
    {
        using var folder = new TempFolder();
        string path = folder.File("a", "b", "c.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_and_no_temporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("keep.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([9, 9, 9, 9]);
            throw new InvalidOperationException("disk full (simulated)");
        }));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
