using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// An optimiser whose update is the learner's step function: per parameter it keeps the state the step
/// returns (a velocity, a cache, Adam's moments, starting at zero) and the step count t (from 1).
/// </summary>
internal sealed class LearnerOptimizer(string name, int stateCount,
    Func<Matrix<double>, Matrix<double>, Matrix<double>[], int, double, (Matrix<double> W, Matrix<double>[] State)> step)
    : ParameterOptimizer<LearnerOptimizer.State>
{
    public override string Name => name;

    /// <summary>The learner's state for one parameter.</summary>
    internal sealed class State(Matrix<double>[] values)
    {
        public Matrix<double>[] Values { get; set; } = values;
        public int T { get; set; }
    }

    protected override State CreateState(Parameter parameter) =>
        new(Enumerable.Range(0, stateCount).Select(_ => Mat.Zeros(parameter.Value.RowCount, parameter.Value.ColumnCount)).ToArray());

    protected override void Update(Parameter parameter, State state, double learningRate)
    {
        var w = parameter.Value;
        (Matrix<double> W, Matrix<double>[] State) result;
        try
        {
            result = step(w.Clone(), parameter.Grad.Clone(), state.Values.Select(m => m.Clone()).ToArray(), state.T + 1, learningRate);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{name} failed on {parameter}: {e.GetType().Name}: {e.Message}", e);
        }
        var newW = Checked(result.W, w, "W");
        for (int i = 0; i < stateCount; i++) state.Values[i] = Checked(result.State[i], w, "state");
        state.T++;
        newW.Data().CopyTo(w.Data(), 0);
    }

    private Matrix<double> Checked(Matrix<double>? m, Matrix<double> like, string what)
    {
        if (m is null || m.RowCount != like.RowCount || m.ColumnCount != like.ColumnCount)
            throw new InvalidOperationException($"{name} returned a {what} of {(m is null ? "null" : "shape " + m.Shape())}, expected {like.Shape()}");
        return Compare.Dense(m);
    }
}
