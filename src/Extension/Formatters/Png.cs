using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NotebookDL.Data;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A minimal PNG writer (8-bit greyscale or RGB, no interlacing) so data-set images can be shown inline as
/// <c>&lt;img src="data:image/png;base64,..."&gt;</c> without any image library: chunks with a CRC-32, the
/// pixels deflated by <see cref="ZLibStream"/>.
/// </summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as the PNG specification's sample code computes it.
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// The PNG file of an image given row by row, pixel by pixel: <paramref name="pixels"/> holds
    /// height·width·channels bytes, each pixel's channels together (grey, or R G B).
    /// </summary>
    /// <param name="pixels">The samples, row-major, channels interleaved.</param>
    /// <param name="width">Width in pixels (≥ 1).</param>
    /// <param name="height">Height in pixels (≥ 1).</param>
    /// <param name="channels">1 (greyscale) or 3 (RGB).</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a PNG needs width and height ≥ 1, got {width}×{height}");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, $"PNG images here are greyscale (1) or RGB (3), got {channels} channels");
        long stride = (long)width * channels;
        if (pixels.Length != stride * height)
            throw new ArgumentException($"a {width}×{height} image with {channels} channel(s) needs {stride * height} bytes, got {pixels.Length}");

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                              // bits per sample
        header[9] = (byte)(channels == 1 ? 0 : 2);  // colour type: greyscale or truecolour
        header[10] = header[11] = header[12] = 0;   // deflate, adaptive filtering, no interlace
        WriteChunk(file, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter type None for every scanline
                    zlib.Write(pixels.Slice((int)(y * stride), (int)stride));
                }
            }
            WriteChunk(file, "IDAT", compressed.ToArray());
        }
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The PNG as a <c>data:</c> URI for an &lt;img src&gt;.</summary>
    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>
    /// One example of an image data set as a PNG: <paramref name="row"/> holds the pixels channel-major (all
    /// R, then all G, then all B, each row-major: CIFAR-10's layout), min-max normalised over the image so that
    /// preprocessed (mean-subtracted, standardised) data still shows, and enlarged <paramref name="scale"/>
    /// times by repeating pixels (nearest neighbour). Images with 3 channels are RGB; with any other number
    /// only the first channel is shown, in grey.
    /// </summary>
    public static byte[] OfImage(ReadOnlySpan<double> row, ImageShape shape, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (row.Length != shape.Size) throw new ArgumentException($"an image of {shape} has {shape.Size} values, got {row.Length}");
        if (scale < 1 || scale > 64) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale must be 1..64, got {scale}");
        int h = shape.Height, w = shape.Width, plane = h * w;
        int outChannels = shape.Channels == 3 ? 3 : 1;
        var shown = row[..(outChannels * plane)];

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in shown)
        {
            if (!double.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        double range = max > min ? max - min : 0;

        int outW = w * scale, outH = h * scale;
        var pixels = new byte[outW * outH * outChannels];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < outChannels; c++)
                {
                    double v = shown[c * plane + y * w + x];
                    // A flat image is mid-grey; NaN or infinite pixels are black.
                    byte b = !double.IsFinite(v) ? (byte)0 : range == 0 ? (byte)128 : (byte)Math.Round(255 * (v - min) / range);
                    for (int dy = 0; dy < scale; dy++)
                    {
                        int offset = ((y * scale + dy) * outW + x * scale) * outChannels + c;
                        for (int dx = 0; dx < scale; dx++) pixels[offset + dx * outChannels] = b;
                    }
                }
            }
        }
        return Encode(pixels, outW, outH, outChannels);
    }

    /// <summary>The CRC-32 of <paramref name="data"/> (as PNG chunks use it).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data) => UpdateCrc(0xFFFFFFFFu, data) ^ 0xFFFFFFFFu;

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        uint crc = UpdateCrc(UpdateCrc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu; // over type and data
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        file.Write(word);
    }

    private static uint UpdateCrc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
