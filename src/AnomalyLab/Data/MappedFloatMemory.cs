using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace AnomalyLab.Data;

/// <summary>
/// float32 values of a file region, memory-mapped copy-on-write: reads come straight from the page cache (no copy into
/// managed memory, no fresh anonymous pages to fault in), writes stay private to the process and never reach the file.
/// The mapping lives until <see cref="IDisposable.Dispose"/>; it is never released by a finalizer, so a span taken from
/// it can never outlive the mapping (an undisposed mapping is released at process exit).
/// </summary>
internal sealed unsafe class MappedFloatMemory : MemoryManager<float>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly float* _values;
    private readonly int _count;
    private int _disposed;

    /// <summary>Maps <paramref name="count"/> floats of <paramref name="path"/> starting at byte <paramref name="offset"/>.</summary>
    /// <exception cref="IOException">The file cannot be mapped.</exception>
    public MappedFloatMemory(string path, long offset, int count)
    {
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.CopyOnWrite);
        try
        {
            _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.CopyOnWrite);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
        byte* start = null;
        // The added reference keeps the view mapped even if the accessor is finalized; released only in Dispose.
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _values = (float*)(start + _view.PointerOffset + offset);
        _count = count;
    }

    /// <inheritdoc />
    public override Span<float> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new Span<float>(_values, _count);
    }

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new MemoryHandle(_values + elementIndex);
    }

    /// <inheritdoc />
    public override void Unpin()
    {
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
