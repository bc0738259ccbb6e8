using NotebookDL.Layers;

namespace NotebookDL.Training;

/// <summary>
/// Layer l as the lecture draws it: the engine layers from one linear part (Dense or Maxout) up to the next,
/// e.g. Dense → BatchNorm → ReLU → Dropout. A training session steps through a network in these units.
/// </summary>
/// <param name="Index">l, 1-based.</param>
/// <param name="First">Index in <see cref="Network.Layers"/> of its first engine layer.</param>
/// <param name="Last">Index of its last engine layer.</param>
/// <param name="Inputs">Width of A[l−1].</param>
/// <param name="Units">Width of its output.</param>
/// <param name="Name">"Dense 64→100 (no bias) → BatchNorm(100) → ReLU".</param>
/// <param name="Activation">Its non-linearity (for saturation and dead units), or null.</param>
internal sealed record LectureLayer(int Index, int First, int Last, int Inputs, int Units, string Name, ILayer? Activation)
{
    /// <summary>The network's layers grouped as the lecture numbers them (1..L).</summary>
    public static LectureLayer[] Of(Network net)
    {
        var layers = net.Layers;
        var starts = new List<int> { 0 };
        for (int i = 1; i < layers.Count; i++)
            if (layers[i] is Dense or Maxout) starts.Add(i);
        var result = new LectureLayer[starts.Count];
        int width = net.InputSize;
        for (int b = 0; b < starts.Count; b++)
        {
            int first = starts[b], last = b + 1 < starts.Count ? starts[b + 1] - 1 : layers.Count - 1, inputs = width;
            ILayer? activation = null;
            for (int i = first; i <= last; i++)
            {
                width = layers[i].OutputSize(width);
                if (layers[i] is Layers.Activation<double> or PReLU) activation = layers[i];
            }
            var name = string.Join(" → ", Enumerable.Range(first, last - first + 1).Select(i => layers[i].Name));
            result[b] = new LectureLayer(b + 1, first, last, inputs, width, name, activation);
        }
        return result;
    }
}
