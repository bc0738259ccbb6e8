using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NotebookDL.Data;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Tests.Extension;

public class PngTests
{
    [Fact]
    public void Crc32_of_123456789_is_the_standard_check_value_cbf43926()
    {
        Assert.Equal(0xCBF43926u, Png.Crc32("123456789"u8));
        Assert.Equal(0xAE426082u, Png.Crc32("IEND"u8)); // the CRC every PNG ends with
    }

    [Fact]
    public void A_2x2_rgb_image_round_trips_through_signature_chunks_crcs_and_zlib()
    {
        byte[] pixels = [255, 0, 0, 0, 255, 0, /* row 2 */ 0, 0, 255, 10, 20, 30];
        var png = Png.Encode(pixels, 2, 2, 3);
        var (width, height, colourType, data) = Decode(png);
        Assert.Equal((2, 2, 2), (width, height, colourType));
        Assert.Equal(pixels, data);
    }

    [Fact]
    public void A_digit_row_becomes_a_grey_image_enlarged_by_repeating_pixels_and_min_max_normalised()
    {
        var shape = new ImageShape(1, 2, 2);
        var (w, h, type, data) = Decode(Png.OfImage(new double[] { -1, 0, 0.5, 1 }, shape, scale: 3));
        Assert.Equal((6, 6, 0), (w, h, type));
        // Row 0 of the source: -1 → 0 (black), 0 → 128; each repeated 3 times across and down.
        Assert.Equal(new byte[] { 0, 0, 0, 128, 128, 128 }, data[..6]);
        Assert.Equal(data[..6], data[6..12]);
        Assert.Equal(new byte[] { 191, 191, 191, 255, 255, 255 }, data[18..24]);
    }

    [Fact]
    public void Channel_major_colour_pixels_are_interleaved_as_rgb()
    {
        // 1x2 image: R plane [0, 10], G plane [10, 0], B plane [5, 5]: pixel 0 = (0, 255, 128), pixel 1 = (255, 0, 128).
        var (_, _, type, data) = Decode(Png.OfImage(new double[] { 0, 10, 10, 0, 5, 5 }, new ImageShape(3, 1, 2)));
        Assert.Equal(2, type);
        Assert.Equal(new byte[] { 0, 255, 128, 255, 0, 128 }, data);
    }

    [Fact]
    public void Bad_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Png.Encode(new byte[5], 2, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Png.Encode(new byte[8], 2, 2, 2));
        Assert.Throws<ArgumentException>(() => Png.OfImage(new double[3], new ImageShape(1, 2, 2)));
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", Png.DataUri(Png.Encode(new byte[1], 1, 1, 1)));
    }

    /// <summary>Reads back what <see cref="Png.Encode"/> writes, checking every chunk's CRC.</summary>
    internal static (int Width, int Height, int ColourType, byte[] Pixels) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int pos = 8, width = 0, height = 0, type = 0;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var chunkType = Encoding.ASCII.GetString(png, pos + 4, 4);
            var body = png.AsSpan(pos + 8, length);
            Assert.Equal(Png.Crc32(png.AsSpan(pos + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length)));
            types.Add(chunkType);
            if (chunkType == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                Assert.Equal(8, body[8]);
                type = body[9];
            }
            if (chunkType == "IDAT") idat.Write(body);
            pos += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        int stride = width * (type == 0 ? 1 : 3);
        var bytes = raw.ToArray();
        Assert.Equal((stride + 1) * height, bytes.Length);
        var pixels = new List<byte>();
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, bytes[y * (stride + 1)]); // filter None
            pixels.AddRange(bytes.AsSpan(y * (stride + 1) + 1, stride).ToArray());
        }
        return (width, height, type, pixels.ToArray());
    }
}
