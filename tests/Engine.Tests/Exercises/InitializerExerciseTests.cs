using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

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
    public void He_scaled_by_fan_out_is_told_to_use_fan_in() =>
        FailsWith("he", Init((i, o) => 1 / Math.Sqrt(o)), "you scaled by fan_out");

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
