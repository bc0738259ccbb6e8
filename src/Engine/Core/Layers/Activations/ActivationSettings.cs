using NotebookDL.Init;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// What an <see cref="ActivationEntry"/> builds a layer from: the widths around it and the settings of the
/// activations that have some. An entry reads only what its activation needs (ReLU: nothing).
/// </summary>
public sealed record ActivationSettings
{
    /// <summary>The width coming in: the previous layer's (maxout's fan-in).</summary>
    public int Inputs { get; init; } = 1;

    /// <summary>The layer's width, its hidden units (PReLU's one slope per unit, maxout's outputs).</summary>
    public int Units { get; init; } = 1;

    /// <summary>Leaky ReLU's slope for x &lt; 0.</summary>
    public double Slope { get; init; } = 0.01;

    /// <summary>ELU's alpha.</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Affine pieces per maxout unit.</summary>
    public int Pieces { get; init; } = 2;

    /// <summary>How the weights of an activation that has some start (maxout).</summary>
    public Initializer Init { get; init; } = Initializer.Small;

    /// <summary>Where those weights are drawn from; null draws from a source seeded 0.</summary>
    public Rng? Rng { get; init; }
}
