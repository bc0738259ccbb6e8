using System.Globalization;
using System.Numerics;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Regularization;

/// <summary>The penalty on the weights added to the data loss.</summary>
public enum RegularizationKind
{
    None,
    /// <summary>0.5·λ·ΣW² ("weight decay": its gradient is λ·W).</summary>
    L2,
    /// <summary>λ·Σ|W| (pushes weights to exactly zero).</summary>
    L1,
    /// <summary>λ·(ratio·Σ|W| + (1 - ratio)·0.5·ΣW²), scikit-learn's elastic-net convention.</summary>
    ElasticNet,
}

/// <summary>
/// A regularisation term R(W) scaled by λ: added to the cost and, through <see cref="AddGradients"/>, to
/// the weights' gradients. Only parameters marked <see cref="Parameter.Regularized"/> (weights) count;
/// biases, batch norm's gamma and beta and PReLU's alpha do not.
/// </summary>
public sealed record Regularizer(RegularizationKind Kind, double Lambda, double L1Ratio = 0.5)
{
    public static Regularizer None { get; } = new(RegularizationKind.None, 0);
    public static Regularizer L2(double lambda) => Checked(new(RegularizationKind.L2, lambda));
    public static Regularizer L1(double lambda) => Checked(new(RegularizationKind.L1, lambda));
    public static Regularizer ElasticNet(double lambda, double l1Ratio = 0.5) => Checked(new(RegularizationKind.ElasticNet, lambda, l1Ratio));

    /// <summary>Reads "l2", "l1", "elastic" (or "none") with a strength λ.</summary>
    public static Regularizer Parse(string kind, double lambda) => kind.Trim().ToLowerInvariant() switch
    {
        "l2" => L2(lambda),
        "l1" => L1(lambda),
        "elastic" or "elastic-net" or "elasticnet" => ElasticNet(lambda),
        "none" => None,
        _ => throw new ArgumentException($"unknown regularisation kind '{kind}': use l2, l1 or elastic"),
    };

    /// <summary>λ·R(W) summed over the regularised parameters.</summary>
    public double Cost<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Kind == RegularizationKind.None || Lambda == 0) return 0;
        return CostOf<T>(parameters as Parameter<T>[] ?? parameters.ToArray());
    }

    /// <summary><see cref="Cost{T}(IEnumerable{Parameter{T}})"/> over an array, without allocating (a training step).</summary>
    internal double CostOf<T>(ReadOnlySpan<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Kind == RegularizationKind.None || Lambda == 0) return 0;
        double squares = 0, absolutes = 0;
        foreach (var p in parameters)
        {
            if (!p.Regularized) continue;
            var v = p.Value.Data();
            squares += double.CreateTruncating(Ops.Dot<T>(v, v));
            foreach (var w in v) absolutes += double.CreateTruncating(T.Abs(w));
        }
        return Kind switch
        {
            RegularizationKind.L2 => 0.5 * Lambda * squares,
            RegularizationKind.L1 => Lambda * absolutes,
            _ => Lambda * (L1Ratio * absolutes + (1 - L1Ratio) * 0.5 * squares),
        };
    }

    /// <summary>Adds dλR/dW to the gradients of the regularised parameters (in place).</summary>
    public void AddGradients<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Kind == RegularizationKind.None || Lambda == 0) return;
        AddGradientsTo<T>(parameters as Parameter<T>[] ?? parameters.ToArray());
    }

    /// <summary><see cref="AddGradients{T}(IEnumerable{Parameter{T}})"/> over an array, without allocating (a training step).</summary>
    internal void AddGradientsTo<T>(ReadOnlySpan<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Kind == RegularizationKind.None || Lambda == 0) return;
        (double l2, double l1) = Kind switch
        {
            RegularizationKind.L2 => (Lambda, 0.0),
            RegularizationKind.L1 => (0.0, Lambda),
            _ => (Lambda * (1 - L1Ratio), Lambda * L1Ratio),
        };
        (T l2T, T l1T) = (T.CreateTruncating(l2), T.CreateTruncating(l1));
        foreach (var p in parameters)
        {
            if (!p.Regularized) continue;
            var v = p.Value.Data(); var g = p.Grad.Data();
            for (int k = 0; k < v.Length; k++) g[k] += l2T * v[k] + l1T * T.CreateTruncating(T.Sign(v[k]));
        }
    }

    public override string ToString() => Kind switch
    {
        RegularizationKind.None => "none",
        RegularizationKind.ElasticNet => $"elastic net λ={Lambda.ToString("G4", CultureInfo.InvariantCulture)} (L1 ratio {L1Ratio.ToString("G3", CultureInfo.InvariantCulture)})",
        _ => $"{Kind} λ={Lambda.ToString("G4", CultureInfo.InvariantCulture)}",
    };

    private static Regularizer Checked(Regularizer r)
    {
        if (!double.IsFinite(r.Lambda) || r.Lambda < 0)
            throw new ArgumentOutOfRangeException(nameof(r.Lambda), $"regularisation strength must be a finite number >= 0, got {r.Lambda}");
        if (!(r.L1Ratio >= 0 && r.L1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(r.L1Ratio), $"elastic-net L1 ratio must be in [0, 1], got {r.L1Ratio}");
        return r;
    }
}
