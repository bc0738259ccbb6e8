using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class DropoutExerciseTests
{
    /// <summary>A learner's inverted dropout, with switches for the usual mistakes.</summary>
    private static Func<Matrix<double>, double, Mode, Rng, (Matrix<double>, Matrix<double>)> Dropout(
        bool scale = true, bool keepWithP = false, bool scaleAtTest = false, bool ownRandom = false) =>
        (x, p, mode, rng) =>
        {
            if (mode == Mode.Test) return (scaleAtTest ? x * (1 - p) : x, null!);
            var random = ownRandom ? new Random() : null;
            var mask = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) =>
            {
                double u = random?.NextDouble() ?? rng.NextDouble();
                bool keep = keepWithP ? u < p : u >= p;
                return keep ? (scale ? 1 / (1 - p) : 1) : 0;
            });
            return (x.PointwiseMultiply(mask), mask);
        };

    [Fact]
    public void A_learners_inverted_dropout_passes() => Passes("dropout", Dropout());

    [Fact]
    public void Survivors_not_scaled_are_told_inverted_dropout() =>
        FailsWith("dropout", Dropout(scale: false), "the survivors are not scaled: inverted dropout divides the kept units by (1 − p)");

    [Fact]
    public void Keeping_units_with_probability_p_is_named() =>
        FailsWith("dropout", Dropout(keepWithP: true), "p is the probability of dropping a unit");

    [Fact]
    public void Scaling_at_test_time_is_told_that_inverted_dropout_does_nothing_there() =>
        FailsWith("dropout", Dropout(scaleAtTest: true), "at test time inverted dropout does nothing");

    [Fact]
    public void Drawing_from_a_new_Random_instead_of_the_rng_is_told_to_use_the_seed() =>
        FailsWith("dropout", Dropout(ownRandom: true), "draw from the rng argument");

    [Fact]
    public void The_reference_draws_the_same_mask_as_the_engines_dropout_layer()
    {
        var x = Mat.Gaussian(6, 5, new Rng(1));
        var layer = new NotebookDL.Layers.Dropout<double>(0.3, seed: 11);
        var engine = layer.Forward(x, Mode.Train);
        var reference = (Func<Matrix<double>, double, Mode, Rng, (Matrix<double> Out, Matrix<double> Mask)>)ExerciseCatalog.Find("dropout").Reference;
        Assert.Equal(engine, reference(x, 0.3, Mode.Train, new Rng(11)).Out);
    }

    [Fact]
    public void A_passing_dropout_plugged_into_Mlp_trains_exactly_as_the_built_in_one()
    {
        var replacement = ExerciseCatalog.Find("dropout").Plug(Dropout(), out var check)!;
        Assert.True(check.Passed, check.ToString());
        var data = Split.Random(Spiral.Create(30, 3, seed: 2), val: 20, seed: 0);
        var options = new MlpOptions { InputSize = 2, Classes = 3, Hidden = [12], Dropout = 0.3, Seed = 4 };
        var train = new TrainOptions { Epochs = 3, BatchSize = 20, LearningRate = 0.5 };
        var a = new Trainer().Train(Mlp.Create(options), data.Train, data.Val, train);
        var b = new Trainer().Train(Mlp.Create(options with { LayerOverrides = new Dictionary<string, Func<ILayer, ILayer>> { ["Dropout"] = replacement.Layer! } }), data.Train, data.Val, train);
        Assert.Equal(a.Costs, b.Costs);
    }
}
