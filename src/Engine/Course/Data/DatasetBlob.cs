using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Losses;

namespace NotebookDL.Data;

/// <summary>
/// A data set as bytes, to be stored once and read by other processes (the cluster search's workers): a short
/// JSON header (name, shape, class names, image shape), then every value of X row by row and the targets, all
/// little-endian, so a reader gets the same doubles bit for bit. <see cref="Hash"/> names the content.
/// </summary>
public static class DatasetBlob
{
    private static readonly byte[] Magic = "NDLDATA1"u8.ToArray();

    /// <summary>The header's JSON options (<see cref="EngineJson"/>).</summary>
    private static readonly JsonSerializerOptions HeaderJson = new() { TypeInfoResolver = EngineJson.Resolver };

    private sealed record Header(string Name, int Rows, int Columns, string[] ClassNames, bool MultiLabel, int LabelColumns, ImageShape? Image);

    /// <summary>The bytes of <paramref name="data"/>.</summary>
    public static byte[] Write(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(data.Name, data.Count, data.Features, [.. data.ClassNames],
            data.Y.Labels is not null, data.Y.Labels?.ColumnCount ?? 0, data.Image), HeaderJson);
        long values = (long)data.Count * data.Features + (data.Y.Labels is { } l ? (long)l.RowCount * l.ColumnCount : 0);
        long size = Magic.Length + 4 + header.Length + values * 8 + (data.Y.Classes?.Length ?? 0) * 4L;
        if (size > Array.MaxLength) throw new InvalidOperationException($"data set '{data.Name}' takes {size:N0} bytes; at most {Array.MaxLength:N0} can be sent");
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[Magic.Length..], header.Length);
        header.CopyTo(span[(Magic.Length + 4)..]);
        int at = Magic.Length + 4 + header.Length;
        at = WriteRows(data.X, span, at);
        if (data.Y.Classes is { } classes)
            foreach (var c in classes) { BinaryPrimitives.WriteInt32LittleEndian(span[at..], c); at += 4; }
        else at = WriteRows(data.Y.Labels!, span, at);
        return bytes;
    }

    /// <summary>The data set written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a data set blob, or are cut short.</exception>
    public static Dataset Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        if (span.Length < Magic.Length + 4 || !span[..Magic.Length].SequenceEqual(Magic)) throw new InvalidDataException("not a NotebookDL data set blob");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(span[Magic.Length..]);
        if (headerLength < 0 || Magic.Length + 4L + headerLength > span.Length) throw new InvalidDataException("a data set blob with a broken header");
        var header = JsonSerializer.Deserialize<Header>(span.Slice(Magic.Length + 4, headerLength), HeaderJson) ?? throw new InvalidDataException("a data set blob without a header");
        int at = Magic.Length + 4 + headerLength;
        long need = at + (long)header.Rows * header.Columns * 8 + (header.MultiLabel ? (long)header.Rows * header.LabelColumns * 8 : header.Rows * 4L);
        if (need != span.Length) throw new InvalidDataException($"a data set blob of {span.Length:N0} bytes; its header says {need:N0}");
        var x = ReadRows(span, ref at, header.Rows, header.Columns);
        Targets y;
        if (header.MultiLabel) y = Targets.OfLabels(ReadRows(span, ref at, header.Rows, header.LabelColumns));
        else
        {
            var classes = new int[header.Rows];
            for (int i = 0; i < classes.Length; i++, at += 4) classes[i] = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
            y = classes;
        }
        return new Dataset(header.Name, x, y, header.ClassNames, header.Image);
    }

    /// <summary>The SHA-256 of the bytes, in hex: the name under which a blob is stored.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static int WriteRows(Matrix<double> m, Span<byte> span, int at)
    {
        for (int r = 0; r < m.RowCount; r++)
            for (int c = 0; c < m.ColumnCount; c++, at += 8)
                BinaryPrimitives.WriteDoubleLittleEndian(span[at..], m[r, c]);
        return at;
    }

    private static Matrix<double> ReadRows(ReadOnlySpan<byte> span, ref int at, int rows, int columns)
    {
        var m = Matrix<double>.Build.Dense(rows, columns);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++, at += 8)
                m[r, c] = BinaryPrimitives.ReadDoubleLittleEndian(span[at..]);
        return m;
    }
}
