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
        var layer = new NotebookDL.Layers.Dropout(0.3, seed: 11);
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

public class InitializerExerciseTests
{
    private static Func<int, int, Rng, Matrix<double>> Init(Func<int, int, double> std, bool transposed = false, bool ownRandom = false) =>
        (fanIn, fanOut, rng) =>
        {
            var random = ownRandom ? new Rng(Random.Shared.Next()) : rng;
            var w = Matrix<double>.Build.Dense(fanIn, fanOut, (i, j) => random.Gaussian() * std(fanIn, fanOut));
            return transposed ? w.Transpose() : w;
        };

    [Fact]
    public void Learners_xavier_and_he_pass()
    {
        Passes("xavier", Init((i, o) => 1 / Math.Sqrt(i)));
        Passes("he", Init((i, o) => Math.Sqrt(2.0 / i)));
    }

    [Fact]
    public void He_submitted_as_xavier_and_xavier_as_he_are_named()
    {
        FailsWith("xavier", Init((i, o) => Math.Sqrt(2.0 / i)), "that is He's √(2/fan_in)");
        FailsWith("he", Init((i, o) => 1 / Math.Sqrt(i)), "that is Xavier's 1/√fan_in; He (for ReLU, which zeroes half the units) doubles the variance");
    }

    [Fact]
    public void Scaling_by_fan_out_is_told_to_use_fan_in() =>
        FailsWith("xavier", Init((i, o) => 1 / Math.Sqrt(o)), "you scaled by fan_out");

    [Fact]
    public void Dividing_by_fan_in_instead_of_its_root_is_named() =>
        FailsWith("xavier", Init((i, o) => 1.0 / i), "divide by √fan_in, not by fan_in");

    [Fact]
    public void A_transposed_W_is_named() =>
        FailsWith("he", Init((i, o) => Math.Sqrt(2.0 / i), transposed: true), "W is transposed");

    [Fact]
    public void Ignoring_the_rng_fails_the_seed_case() =>
        FailsWith("xavier", Init((i, o) => 1 / Math.Sqrt(i), ownRandom: true), "draw from the rng argument");
}

public class SamplingExerciseTests
{
    [Fact]
    public void Learners_log_scale_and_beta_samplers_pass()
    {
        Passes("log-scale", (Func<double, double, Rng, double>)((low, high, rng) =>
            Math.Pow(10, Math.Log10(low) + (Math.Log10(high) - Math.Log10(low)) * rng.NextDouble())));
        Passes("beta-sampling", (Func<double, double, Rng, double>)((low, high, rng) =>
        {
            double a = Math.Log10(1 - high), b = Math.Log10(1 - low);
            return 1 - Math.Pow(10, a + (b - a) * rng.NextDouble());
        }));
    }

    [Fact]
    public void A_learning_rate_drawn_uniformly_is_told_to_sample_the_exponent() =>
        FailsWith("log-scale", (Func<double, double, Rng, double>)((low, high, rng) => low + (high - low) * rng.NextDouble()),
            "that is a linear scale — sample the exponent r uniformly");

    [Fact]
    public void The_lectures_r_equals_minus_4_rand_hard_coded_fails_the_other_range()
    {
        var result = FailsWith("log-scale", (Func<double, double, Rng, double>)((low, high, rng) => Math.Pow(10, -4 * rng.NextDouble())), "fall outside [1e-6, 0.01]");
        Assert.True(result.Cases[0].Passed);
    }

    [Fact]
    public void A_beta_drawn_uniformly_is_told_to_sample_one_minus_beta_on_a_log_scale() =>
        FailsWith("beta-sampling", (Func<double, double, Rng, double>)((low, high, rng) => low + (high - low) * rng.NextDouble()),
            "sample r uniformly in [log10(1 − high), log10(1 − low)] = [-3, -1] and return β = 1 − 10^r");
}
