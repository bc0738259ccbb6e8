using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

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
