using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Analysis;

/// <summary>
/// Makes a second distribution out of an image data set: the same kind of pictures, taken differently (the
/// lecture's web photos vs blurry phone uploads). <see cref="Blur"/> softens each image with a Gaussian;
/// <see cref="Shift"/> moves it by whole pixels, filling with the image's background (its smallest value).
/// Labels stay; only the inputs change, which is what data mismatch is.
/// </summary>
public static class DomainShift
{
    /// <summary>
    /// Each image (and each channel) convolved with a normalised Gaussian of std <paramref name="sigma"/>
    /// pixels, radius ceil(2σ); borders are handled by renormalising over the pixels inside the image.
    /// </summary>
    /// <exception cref="ArgumentException">Not image data.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> not in (0, 10].</exception>
    public static Dataset Blur(Dataset data, double sigma)
    {
        var shape = RequireImages(data, "blur");
        if (!(sigma > 0 && sigma <= 10))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"the blur's sigma must be in (0, 10] pixels, got {sigma}");
        int radius = (int)Math.Ceiling(2 * sigma);
        var kernel = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) kernel[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));

        int n = data.Count, h = shape.Height, w = shape.Width, plane = h * w;
        var src = data.X.Data();
        var x = Mat.Zeros(n, data.Features);
        var dst = x.Data();
        var image = new double[plane];
        var across = new double[plane];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int p = 0; p < plane; p++) image[p] = src[(c * plane + p) * n + i];
                // Separable: along rows, then along columns, each renormalised at the border.
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < w; q++)
                        across[r * w + q] = Convolve(image, kernel, radius, r * w, 1, q, w);
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < w; q++)
                        dst[(c * plane + r * w + q) * n + i] = Convolve(across, kernel, radius, q, w, r, h);
            }
        }
        return new Dataset(Invariant($"{data.Name}, blurred (σ = {sigma:G3})"), x, data.Y, data.ClassNames, shape);
    }

    /// <summary>
    /// Each image moved <paramref name="dx"/> pixels right and <paramref name="dy"/> down (negative: left, up),
    /// the uncovered border filled with the image's smallest value (its background).
    /// </summary>
    /// <exception cref="ArgumentException">Not image data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A shift as large as the image.</exception>
    public static Dataset Shift(Dataset data, int dx, int dy)
    {
        var shape = RequireImages(data, "shift");
        if (Math.Abs(dx) >= shape.Width || Math.Abs(dy) >= shape.Height)
            throw new ArgumentOutOfRangeException(nameof(dx), $"a shift of ({dx}, {dy}) pixels would move a {shape.Width}×{shape.Height} image out of view");
        int n = data.Count, h = shape.Height, w = shape.Width, plane = h * w;
        var src = data.X.Data();
        var x = Mat.Zeros(n, data.Features);
        var dst = x.Data();
        for (int i = 0; i < n; i++)
        {
            double background = double.PositiveInfinity;
            for (int j = 0; j < data.Features; j++) background = Math.Min(background, src[j * n + i]);
            for (int c = 0; c < shape.Channels; c++)
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < w; q++)
                    {
                        int fromR = r - dy, fromQ = q - dx;
                        dst[(c * plane + r * w + q) * n + i] = fromR >= 0 && fromR < h && fromQ >= 0 && fromQ < w
                            ? src[(c * plane + fromR * w + fromQ) * n + i]
                            : background;
                    }
        }
        return new Dataset(Invariant($"{data.Name}, shifted ({dx:+0;-0;0}, {dy:+0;-0;0}) px"), x, data.Y, data.ClassNames, shape);
    }

    private static double Convolve(double[] image, double[] kernel, int radius, int start, int stride, int at, int length)
    {
        double sum = 0, weight = 0;
        for (int k = -radius; k <= radius; k++)
        {
            int p = at + k;
            if (p < 0 || p >= length) continue;
            sum += kernel[k + radius] * image[start + p * stride];
            weight += kernel[k + radius];
        }
        return sum / weight;
    }

    private static ImageShape RequireImages(Dataset data, string what)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Image ?? throw new ArgumentException($"'{data.Name}' is not image data: only images can be {(what == "blur" ? "blurred" : "shifted")}");
    }

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
