using System.Numerics;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// A network, a layer or a snapshot in the other precision: the same kinds, settings and numbers, each number
/// rounded to nearest (float to double is exact). A float run starts from the double network's weights rounded
/// once (the same seed draws the same weights in both precisions), and its trained network is kept in double for
/// everything that reads it afterwards (analysis, ensembles, files). Only the engine's own layers and losses are
/// converted: a learner's layer is written for doubles.
/// </summary>
public static class Precision
{
    /// <summary>The precision T computes in: float32 for float, float64 for double.</summary>
    public static Dtype Of<T>() => typeof(T) == typeof(float) ? Dtype.Float32 : Dtype.Float64;

    /// <summary>The precision's name as the commands write it: "float64" or "float32".</summary>
    public static string Name<T>() => Of<T>().Name();

    /// <summary><paramref name="net"/> in precision TTo (the same object when the precisions agree).</summary>
    public static Network<TTo> Convert<TFrom, TTo>(Network<TFrom> net)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        ArgumentNullException.ThrowIfNull(net);
        if (net is Network<TTo> same) return same;
        return new Network<TTo>(net.InputSize, net.Layers.Select(Convert<TFrom, TTo>), Convert<TFrom, TTo>(net.Loss), net.Regularizer);
    }

    /// <summary><paramref name="layer"/> in precision TTo, its parameters and buffers copied (rounded to nearest).</summary>
    public static ILayer<TTo> Convert<TFrom, TTo>(ILayer<TFrom> layer)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is ILayer<TTo> same) return same;
        ILayer<TTo> result = layer switch
        {
            Dense<TFrom> d => new Dense<TTo>(Mat.Zeros<TTo>(d.Inputs, d.Outputs), bias: d.B is not null),
            ReLU<TFrom> => new ReLU<TTo>(),
            Tanh<TFrom> => new Tanh<TTo>(),
            Sigmoid<TFrom> => new Sigmoid<TTo>(),
            LeakyReLU<TFrom> l => new LeakyReLU<TTo>(l.Slope),
            ELU<TFrom> e => new ELU<TTo>(e.Alpha),
            PReLU<TFrom> p => new PReLU<TTo>(p.Units),
            Maxout<TFrom> m => new Maxout<TTo>(m.Inputs, m.Outputs, m.Pieces, Initializer.Zeros, new Rng(0)),
            BatchNorm<TFrom> b => new BatchNorm<TTo>(b.Units, b.Momentum, b.Eps),
            Dropout<TFrom> d => new Dropout<TTo>(d.DropProbability, d.Seed, d.Source), // one mask stream for both
            _ => throw new NotSupportedException(
                $"{layer.Name} ({layer.GetType().Name}) is not one of the engine's layers: it runs in {Name<TFrom>()} only"),
        };
        for (int k = 0; k < layer.Parameters.Count; k++)
        {
            Mat.CopyConverted(layer.Parameters[k].Value, result.Parameters[k].Value);
            result.Parameters[k].Frozen = layer.Parameters[k].Frozen; // transfer learning retrains only the new layers
        }
        foreach (var (name, buffer) in layer.Buffers) Mat.CopyConverted(buffer, result.Buffers[name]);
        return result;
    }

    /// <summary><paramref name="loss"/> in precision TTo.</summary>
    public static ILoss<TTo> Convert<TFrom, TTo>(ILoss<TFrom> loss)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo> => loss switch
        {
            ILoss<TTo> same => same,
            SoftmaxCrossEntropy<TFrom> => new SoftmaxCrossEntropy<TTo>(),
            MulticlassSvm<TFrom> svm => new MulticlassSvm<TTo>(svm.Margin),
            SigmoidCrossEntropy<TFrom> => new SigmoidCrossEntropy<TTo>(),
            _ => throw new NotSupportedException($"the loss {loss.Name} is not one of the engine's: it runs in {Name<TFrom>()} only"),
        };

    /// <summary>A snapshot's tensors in precision TTo.</summary>
    public static NetworkSnapshot<TTo> Convert<TFrom, TTo>(NetworkSnapshot<TFrom> snapshot)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo> =>
        snapshot is NetworkSnapshot<TTo> same ? same : new(
            [.. snapshot.Parameters.Select(layer => layer.Select(Mat.Convert<TFrom, TTo>).ToArray())],
            [.. snapshot.Buffers.Select(buffers => buffers.ToDictionary(b => b.Key, b => Mat.Convert<TFrom, TTo>(b.Value)))]);
}
