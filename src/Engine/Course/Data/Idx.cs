using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookDL.Data;

/// <summary>
/// LeCun's IDX format, plain or gzipped: a big-endian header (magic number, then one 32-bit count per
/// dimension) followed by the unsigned bytes. Errors name the file and the byte offset (in the
/// decompressed data for .gz files) where the data stopped making sense.
/// </summary>
internal static class Idx
{
    /// <summary>The magic number of unsigned-byte data with <paramref name="dims"/> dimensions: 0x0000_08_dd.</summary>
    public static int Magic(int dims) => 0x0800 | dims;

    /// <summary>A file's IDX bytes: read whole, decompressed when the name ends with .gz.</summary>
    public static byte[] ReadAll(FileInfo file)
    {
        if (!file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return File.ReadAllBytes(file.FullName);
        using var input = file.OpenRead();
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(capacity: (int)Math.Min(int.MaxValue / 2, file.Length * 4));
        try
        {
            gzip.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"{file.FullName}: corrupt or truncated gzip data: decompression failed at offset {output.Length:N0} of the decompressed data ({e.Message})", e);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Checks the magic number and returns the dimension sizes; the data starts at 4 + 4·dims. Throws when
    /// the magic is wrong or the header's sizes need more bytes than the file holds.
    /// </summary>
    public static int[] ReadHeader(byte[] bytes, string path, int dims, string what)
    {
        int headerSize = 4 + 4 * dims;
        int expected = Magic(dims);
        if (bytes.Length < 4)
            throw new InvalidDataException($"{path}: corrupt IDX {what} file: it ends at offset {bytes.Length} inside the magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expected)
            throw new InvalidDataException(
                $"{path}: not an IDX {what} file: magic number {magic} (0x{magic:X8}) at offset 0, expected {expected} (0x{expected:X8})");
        if (bytes.Length < headerSize)
            throw new InvalidDataException(
                $"{path}: corrupt IDX {what} file: it ends at offset {bytes.Length} inside the {headerSize}-byte header");
        var sizes = new int[dims];
        long need = 1;
        for (int d = 0; d < dims; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (sizes[d] < 0)
                throw new InvalidDataException($"{path}: corrupt IDX {what} file: negative size {sizes[d]} at offset {4 + 4 * d}");
            need *= sizes[d];
        }
        long available = bytes.Length - headerSize;
        if (need > available)
        {
            long perItem = dims == 1 ? 1 : need / Math.Max(1, sizes[0]);
            long whole = perItem == 0 ? 0 : available / perItem;
            throw new InvalidDataException(
                $"{path}: corrupt IDX {what} file: the header (offset 4) says {sizes[0]:N0} {what}{(dims > 1 ? $" of {string.Join("×", sizes[1..])} = {perItem} bytes" : "")} " +
                $"({need:N0} bytes from offset {headerSize}), but the data ends at offset {bytes.Length:N0} " +
                $"after {whole:N0} whole {what}{(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? " (offsets in the decompressed data)" : "")}");
        }
        return sizes;
    }
}
