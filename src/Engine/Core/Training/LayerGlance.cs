namespace NotebookDL.Training;

/// <summary>
/// One row of the "network at a glance" view of a mini-batch: how spread out a layer's activations and its
/// gradients are, and how big its weight update was. Read down the rows: activations or gradients whose spread
/// shrinks by orders of magnitude layer after layer are vanishing, growing ones exploding; a saturated tanh or a
/// ReLU layer with many dead units learns slowly. NaN where the batch has not got that far yet.
/// </summary>
/// <param name="Layer">l (1..L).</param>
/// <param name="Name">The engine layers it spans.</param>
/// <param name="ActivationMean">Mean of A[l] (of the scores Z[L] for the output layer).</param>
/// <param name="ActivationStd">Std of A[l] (of Z[L]).</param>
/// <param name="Saturated">Share of A[l] saturated (tanh, sigmoid), else NaN.</param>
/// <param name="Zeros">Share of A[l] exactly 0 (ReLU: inactive), else NaN.</param>
/// <param name="DeadUnits">Share of ReLU units at 0 for the whole batch, else NaN.</param>
/// <param name="GradientStd">Std of dZ[l], the gradient at the layer's linear output.</param>
/// <param name="WeightStd">Std of W[l] (its current value).</param>
/// <param name="UpdateRatio">‖ΔW[l]‖/‖W[l]‖ of the batch's update (~1e-3 is healthy).</param>
public sealed record LayerGlance(int Layer, string Name, double ActivationMean, double ActivationStd, double Saturated, double Zeros,
    double DeadUnits, double GradientStd, double WeightStd, double UpdateRatio)
{
    /// <summary>"layer 1: A std 0.58 (dead 2.0%), dZ std 1.2e-03, W std 0.010, update/weight 1.1e-03".</summary>
    public override string ToString()
    {
        var s = $"layer {Layer}: A mean {N(ActivationMean)}, std {N(ActivationStd)}";
        if (!double.IsNaN(Saturated)) s += $" (saturated {P(Saturated)})";
        if (!double.IsNaN(DeadUnits)) s += $" (zeros {P(Zeros)}, dead units {P(DeadUnits)})";
        return s + $", dZ std {N(GradientStd)}, W std {N(WeightStd)}, update/weight {N(UpdateRatio)}";
    }

    // NaN means the batch has not reached this quantity yet: say so rather than print "NaN".
    private static string N(double v) => double.IsNaN(v) ? "–" : Probes.TensorSummary.Number(v);
    private static string P(double v) => Probes.TensorSummary.Percent(v);
}

/// <summary>The glance rows of one completed iteration (a session keeps them all, for sparklines).</summary>
public sealed record IterationGlance(int Iteration, double Cost, IReadOnlyList<LayerGlance> Layers);
