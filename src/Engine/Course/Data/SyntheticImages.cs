using NotebookDL.Tensors;

namespace NotebookDL.Data;

/// <summary>
/// A stand-in for CIFAR-10 when a classroom does not have it: images of the same shape (3×32×32 by default,
/// channel-major as <see cref="Cifar10"/> stores them) whose pixels are whole numbers drawn uniformly from
/// 0..255, with labels dealt out in turn (0, 1, ..., C-1, 0, 1, ...). The pixels carry no information about
/// the label, so there is nothing to generalise from: the only thing a network can do with these images is
/// memorise them. That is exactly what the lecture's "overfit a tiny subset" check asks (20 examples, no
/// regularisation, training accuracy 1.00), so the check runs the same way with or without the real data.
/// </summary>
public static class SyntheticImages
{
    /// <summary>
    /// X (N, C·H·W) of pixel values 0..255 (whole numbers, like CIFAR-10's bytes), labels i mod
    /// <paramref name="classes"/>, class names "0".."C-1", named "synthetic (3×32×32)".
    /// </summary>
    /// <param name="count">N, the number of images (≥ 1).</param>
    /// <param name="shape">The image shape; null = CIFAR-10's 3×32×32.</param>
    /// <param name="classes">C, the number of classes (≥ 2; CIFAR-10 has 10).</param>
    /// <param name="seed">Seed of the pixels: the same seed gives the same images bit for bit.</param>
    public static Dataset Create(int count, ImageShape? shape = null, int classes = 10, int seed = 0)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1, got {count}");
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be >= 2, got {classes}");
        var image = shape ?? Cifar10.Shape;
        if (image.Channels < 1 || image.Height < 1 || image.Width < 1)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, $"every dimension of the image shape must be >= 1, got {image}");

        var rng = new Rng(seed);
        var x = Mat.Zeros(count, image.Size);
        var data = x.Data();
        // Drawn row by row (an image at a time), written column-major: element (i, j) at j * N + i.
        for (int i = 0; i < count; i++)
            for (int j = 0; j < image.Size; j++)
                data[j * count + i] = rng.NextInt(256);
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = i % classes;
        return new Dataset($"synthetic ({image})", x, labels, Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray(), image);
    }
}
