using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookDL.Tests.Data;

/// <summary>A fresh temporary folder, deleted on dispose, with writers for small synthetic data files.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "notebookdl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var output = System.IO.File.Create(path);
            using var gzip = new GZipStream(output, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            System.IO.File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    public string WriteText(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>CIFAR-10 records: record i has label labels[i] and every pixel byte equal to pixel(i, j).</summary>
    public static byte[] CifarRecords(int[] labels, Func<int, int, byte> pixel)
    {
        var bytes = new byte[labels.Length * 3073];
        for (int i = 0; i < labels.Length; i++)
        {
            bytes[i * 3073] = (byte)labels[i];
            for (int j = 0; j < 3072; j++) bytes[i * 3073 + 1 + j] = pixel(i, j);
        }
        return bytes;
    }

    /// <summary>An IDX images file: magic 2051, header count <paramref name="headerCount"/>, then the pixels given.</summary>
    public static byte[] IdxImages(int headerCount, int rows, int cols, byte[] pixels, int magic = 2051)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), headerCount);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    /// <summary>An IDX labels file: magic 2049, header count = labels.Length unless given.</summary>
    public static byte[] IdxLabels(byte[] labels, int? headerCount = null)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 2049);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), headerCount ?? labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
