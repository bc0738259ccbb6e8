using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookDL.Data;

/// <summary>
/// A file in LeCun's IDX format, plain or gzipped, opened for reading: a big-endian header (magic number, then one
/// 32-bit size per dimension) followed by the unsigned bytes. The header is read and checked on opening; the data
/// is read afterwards, only as many items as asked and never past the end the header gives, so a header claiming
/// billions of items costs nothing until its size has been checked against <see cref="DataLimits"/>. Errors name
/// the file and the byte offset (in the decompressed data for .gz files) where the data stopped making sense.
/// </summary>
internal sealed class Idx : IDisposable
{
    private readonly Stream _stream;
    private long _offset; // bytes read so far, in the (decompressed) IDX data

    private Idx(FileInfo file, Stream stream, string what, int[] sizes)
    {
        File = file;
        _stream = stream;
        What = what;
        Sizes = sizes;
    }

    /// <summary>The magic number of unsigned-byte data with <paramref name="dims"/> dimensions: 0x0000_08_dd.</summary>
    public static int Magic(int dims) => 0x0800 | dims;

    /// <summary>The file.</summary>
    public FileInfo File { get; }

    /// <summary>What its items are, e.g. "images".</summary>
    public string What { get; }

    /// <summary>The sizes of the header: the item count first, then the size of each item's dimensions.</summary>
    public int[] Sizes { get; }

    /// <summary>The number of items the header says.</summary>
    public int Count => Sizes[0];

    /// <summary>Bytes per item: the product of the sizes after the count (1 for a one-dimensional file).</summary>
    public long ItemSize => Sizes.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>The offset at which the data starts: 4 + 4·dims.</summary>
    public int HeaderSize => 4 + 4 * Sizes.Length;

    private bool Compressed => File.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private string Where => Compressed ? " (offsets in the decompressed data)" : "";

    /// <summary>e.g. "5 images of 28×28 = 784 bytes" or "5 labels".</summary>
    public string Items(long count) =>
        Sizes.Length == 1 ? $"{count:N0} {What}" : $"{count:N0} {What} of {string.Join("×", Sizes[1..])} = {ItemSize:N0} bytes";

    /// <summary>
    /// Opens <paramref name="file"/> (decompressing a .gz) and reads its header: the magic number of unsigned bytes
    /// in <paramref name="dims"/> dimensions and non-negative sizes. A plain file's length must be exactly what the
    /// header says; a gzipped one is checked as it is read.
    /// </summary>
    public static Idx Open(FileInfo file, int dims, string what)
    {
        Stream stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        var idx = new Idx(file, stream, what, new int[dims]);
        try
        {
            idx.ReadHeader(dims);
            return idx;
        }
        catch
        {
            idx.Dispose();
            throw;
        }
    }

    private void ReadHeader(int dims)
    {
        var path = File.FullName;
        var header = new byte[4 + 4 * dims];
        int got = Fill(header);
        int expected = Magic(dims);
        if (got < 4)
            throw new InvalidDataException($"{path}: corrupt IDX {What} file: it ends at offset {got} inside the magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expected)
            throw new InvalidDataException(
                $"{path}: not an IDX {What} file: magic number {magic} (0x{magic:X8}) at offset 0, expected {expected} (0x{expected:X8})");
        if (got < header.Length)
            throw new InvalidDataException($"{path}: corrupt IDX {What} file: it ends at offset {got} inside the {header.Length}-byte header{Where}");
        for (int d = 0; d < dims; d++)
        {
            Sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (Sizes[d] < 0)
                throw new InvalidDataException($"{path}: corrupt IDX {What} file: negative size {Sizes[d]} at offset {4 + 4 * d}");
        }
        if (Sizes.Skip(1).Any(size => size == 0))
            throw new InvalidDataException(
                $"{path}: not an IDX {What} file: the header (offset 8) says {What} of {string.Join("×", Sizes[1..])}, which hold no bytes");
        if (!Compressed)
        {
            // Count · ItemSize may pass long's range (2^31 · 2^62): compare by division first.
            if (Count > (File.Length - HeaderSize) / ItemSize) throw Truncated(File.Length);
            long end = HeaderSize + Count * ItemSize;
            if (File.Length > end) throw Longer(end);
        }
    }

    /// <summary>
    /// Reads the first <paramref name="count"/> items (count ≤ <see cref="Count"/>, their bytes already checked
    /// against a limit by the caller). Having read all the header's items, checks that the data ends there.
    /// </summary>
    public byte[] Read(int count)
    {
        if (count < 0 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"0..{Count} {What}");
        if (count > 0 && ItemSize > Array.MaxLength / count)
            throw new DataLimitException($"{File.FullName}: {Items(count)} are more bytes than one array holds; read fewer {What}");
        var data = GC.AllocateUninitializedArray<byte>((int)(count * ItemSize));
        int got = Fill(data);
        if (got < data.Length) throw Truncated(_offset);
        if (count == Count && Compressed)
        {
            // One byte more tells whether the decompressed data goes on; it is not kept.
            Span<byte> probe = stackalloc byte[1];
            if (Fill(probe) > 0) throw Longer(_offset - 1);
        }
        return data;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the data ends; returns the bytes read.</summary>
    private int Fill(Span<byte> buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = _stream.Read(buffer[total..]);
                if (n == 0) break;
                total += n;
                _offset += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"{File.FullName}: corrupt or truncated gzip data: decompression failed at offset {_offset:N0} of the decompressed data ({e.Message})", e);
        }
        return total;
    }

    /// <summary>The header promises more than the data holds, which ends at <paramref name="end"/>.</summary>
    private InvalidDataException Truncated(long end)
    {
        long available = Math.Max(0, end - HeaderSize);
        long whole = ItemSize == 0 ? 0 : available / ItemSize;
        return new InvalidDataException(
            $"{File.FullName}: corrupt IDX {What} file: the header (offset 4) says {Items(Count)} " +
            $"({(decimal)Count * ItemSize:N0} bytes from offset {HeaderSize}), but the data ends at offset {end:N0} after {whole:N0} whole {What}{Where}");
    }

    /// <summary>The data goes on past <paramref name="end"/>, where the header's items end.</summary>
    private InvalidDataException Longer(long end) =>
        new($"{File.FullName}: corrupt IDX {What} file: the data goes on past offset {end:N0}, the end of the {Items(Count)} " +
            $"the header (offset 4) says{Where}; the header's count is wrong or something was appended");

    public void Dispose() => _stream.Dispose();
}
