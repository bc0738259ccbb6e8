using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

public class SpiralTests
{
    [Fact]
    public void The_cs231n_spiral_has_300_points_in_2_D_and_3_classes_of_100()
    {
        var spiral = Spiral.Create();
        Assert.Equal("(300, 2)", spiral.X.Shape());
        Assert.Equal(3, spiral.Classes);
        Assert.Equal([100, 100, 100], Cifar10Tests.ClassCounts(spiral.Labels, 3));
        Assert.Equal(0, spiral.Labels[99]);
        Assert.Equal(1, spiral.Labels[100]);
    }

    [Fact]
    public void Each_arm_runs_from_the_centre_to_radius_1_along_linspace_0_1()
    {
        var spiral = Spiral.Create(pointsPerClass: 50, classes: 4, seed: 3);
        for (int j = 0; j < 4; j++)
        {
            for (int k = 0; k < 50; k++)
            {
                int i = j * 50 + k;
                double radius = Math.Sqrt(spiral.X[i, 0] * spiral.X[i, 0] + spiral.X[i, 1] * spiral.X[i, 1]);
                Assert.InRange(radius, 0, 1 + 1e-12);
                Assert.Equal(k / 49.0, radius, 1e-12);
            }
        }
    }

    [Fact]
    public void Without_noise_the_angle_is_linspace_j4_to_j_plus_1_times_4()
    {
        var spiral = Spiral.Create(pointsPerClass: 5, classes: 2, noise: 0);
        // Last point of class 1: r = 1, t = 8, so (sin 8, cos 8).
        Assert.Equal(Math.Sin(8), spiral.X[9, 0], 1e-15);
        Assert.Equal(Math.Cos(8), spiral.X[9, 1], 1e-15);
        // Middle point of class 0: r = 0.5, t = 2.
        Assert.Equal(0.5 * Math.Sin(2), spiral.X[2, 0], 1e-15);
    }

    [Fact]
    public void The_same_seed_gives_the_same_points_and_another_seed_different_ones()
    {
        var a = Spiral.Create(seed: 7);
        var b = Spiral.Create(seed: 7);
        var c = Spiral.Create(seed: 8);
        Assert.Equal(a.X.Data(), b.X.Data());
        Assert.NotEqual(a.X.Data(), c.X.Data());
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_value()
    {
        Assert.Contains("1", Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Create(classes: 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Create(pointsPerClass: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Create(noise: -0.1));
    }
}
