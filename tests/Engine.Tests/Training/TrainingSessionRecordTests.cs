using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Training.SessionData;

namespace NotebookDL.Tests.Training;

/// <summary>What a step shows is what the engine computed, recomputed here from the lecture's formulas, and stays as it was.</summary>
public class TrainingSessionRecordTests
{
    [Fact]
    public void The_forward_intermediates_are_Z_equal_to_X_W_the_column_statistics_of_Z_Z_norm_Z_tilde_and_A()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options());
        var bn = (BatchNorm)session.Network.Layers[1];
        var record = session.StepLayer(); // forward, layer 1
        Assert.Equal(new StepPosition(StepPhase.Forward, 1, 2), record.Last);
        var layer = record.Layer(1);
        Assert.True(layer.ForwardDone);
        Assert.False(layer.BackwardDone);
        Assert.Equal(["Z", "mean", "var", "Z_norm", "Z_tilde", "A"], layer.Forward.Select(t => t.Name));
        Assert.Equal(["Z[1]", "μ[1]", "σ²[1]", "Z_norm[1]", "Z̃[1]", "A[1]"], layer.Forward.Select(t => t.Symbol));

        // Z[1] = X·W[1] (no bias before batch norm), X the batch's rows of the training set.
        var w = session.Network.Layers[0].Parameters[0].Value;
        AssertBits(Ops.MatMul(record.X, w), layer.Z!, "Z[1] = X·W[1]");
        AssertBits(Ops.MeanRows(layer.Z!), layer.Mean!, "μ = column means of Z");
        int m = record.BatchSize, units = 6;
        for (int j = 0; j < units; j++)
        {
            var z = layer.Z!.Column(j);
            double mu = z.Average(), variance = z.Select(v => (v - mu) * (v - mu)).Average();
            Assert.Equal(variance, layer.Variance![0, j], 12);
            for (int i = 0; i < m; i++)
            {
                double norm = (z[i] - mu) / Math.Sqrt(variance + bn.Eps);
                Assert.Equal(norm, layer.ZNorm![i, j], 12);
                Assert.Equal(bn.Gamma.Value[0, j] * layer.ZNorm[i, j] + bn.Beta.Value[0, j], layer.ZTilde![i, j], 15);
                Assert.Equal(Math.Max(0, layer.ZTilde[i, j]), layer.A![i, j]); // ReLU
            }
            Assert.Equal(0, layer.ZNorm!.Column(j).Average(), 12);
        }
        // The statistics the step shows are those of the copies.
        Assert.Equal(layer.A!.Enumerate().Count(v => v == 0) / (double)(m * units), layer.Get("A")!.Summary.Zeros, 15);
        Assert.Equal(Math.Sqrt(layer.Z!.Enumerate().Select(v => v - layer.Z.Enumerate().Average()).Sum(v => v * v) / (m * units)), layer.Get("Z")!.Summary.Std, 12);
    }

    [Fact]
    public void The_loss_step_shows_Y_hat_and_dZ_L_equal_to_Y_hat_minus_Y_over_m_and_the_backward_pass_the_lecture_s_gradients()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options());
        for (int k = 0; k < 3; k++) session.StepLayer(); // forward 1, forward 2, loss
        var record = session.Current!;
        Assert.Equal(StepPhase.Loss, record.Last.Phase);
        var scores = record.Layer(2).Z!;
        Assert.Same(record.Layer(2).Z, record.Scores!.Value);
        var yHat = Softmax.Rows(scores);
        AssertBits(yHat, record.Probabilities!.Value, "Ŷ = softmax(Z[2])");
        var y = record.Y.Classes!;
        int m = record.BatchSize;
        for (int i = 0; i < m; i++)
            for (int c = 0; c < 4; c++)
                Assert.Equal((yHat[i, c] - (y[i] == c ? 1 : 0)) / m, record.DScores!.Value[i, c], 15);
        Assert.Equal(-Enumerable.Range(0, m).Average(i => Math.Log(yHat[i, y[i]])), record.DataLoss, 12);
        Assert.Equal("(Ŷ − Y) / m", record.DScores!.Formula);

        session.StepLayer(); // backward, layer 2
        var out2 = record.Layer(2);
        var a1 = record.Layer(1).A!;
        AssertBits(Ops.MatMulTransA(a1, record.DScores.Value), out2.DW!, "dW[2] = A[1]ᵀ·dZ[2]");
        AssertBits(Ops.SumRows(record.DScores.Value), out2.Db!, "db[2] = Σ dZ[2]");
        Assert.Same(record.DScores, out2.Get("dZ"));

        session.StepLayer(); // backward, layer 1
        var l1 = record.Layer(1);
        var w2 = session.Network.Layers[3].Parameters[0].Value;
        AssertBits(Ops.MatMulTransB(record.DScores.Value, w2), l1.DA!, "dA[1] = dZ[2]·W[2]ᵀ");
        for (int i = 0; i < m; i++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(l1.ZTilde![i, j] > 0 ? l1.DA![i, j] : 0, l1.DZTilde![i, j]); // through ReLU
        for (int j = 0; j < 6; j++)
        {
            Assert.Equal(Enumerable.Range(0, m).Sum(i => l1.DZTilde![i, j]), l1.DBeta![0, j], 14);
            Assert.Equal(Enumerable.Range(0, m).Sum(i => l1.DZTilde![i, j] * l1.ZNorm![i, j]), l1.DGamma![0, j], 14);
        }
        AssertBits(Ops.MatMulTransA(record.X, l1.DZ!), l1.DW!, "dW[1] = Xᵀ·dZ[1]");
        Assert.Null(l1.Db); // no bias before batch norm
        Assert.Equal(["dA", "dZ_tilde", "dgamma", "dbeta", "dZ", "dW"], l1.Backward.Select(t => t.Name));
    }

    [Fact]
    public void The_update_is_W_minus_alpha_dW_and_its_ratio_is_the_norm_of_the_update_over_the_norm_of_W()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options()); // plain SGD, α = 0.1
        var w1 = session.Network.Layers[0].Parameters[0].Value.Clone();
        var record = session.Step();
        var u = record.Update("W[1]")!;
        Assert.True(u.Applied);
        AssertBits(w1, u.Before, "W[1] before");
        var dW = record.Layer(1).DW!;
        for (int k = 0; k < w1.RowCount; k++)
            for (int j = 0; j < w1.ColumnCount; j++)
            {
                Assert.Equal(-0.1 * dW[k, j], u.Update![k, j], tolerance: 1e-15); // ΔW = (W − α·dW) − W, rounded
                Assert.Equal(w1[k, j] - 0.1 * dW[k, j], session.Network.Layers[0].Parameters[0].Value[k, j]);
            }
        Assert.Equal(u.Update!.FrobeniusNorm() / w1.FrobeniusNorm(), u.Ratio, 12);
        Assert.Equal(0.1 * dW.FrobeniusNorm() / w1.FrobeniusNorm(), u.Ratio, 12);
        Assert.Equal(["W[1]", "γ[1]", "β[1]", "W[2]", "b[2]"], record.Updates.Select(x => x.Symbol));
        Assert.True(double.IsNaN(record.Update("β[1]")!.Ratio)); // β starts at 0: no ratio
        Assert.EndsWith("update/weight – (|β[1]| was 0)", record.Update("β[1]")!.ToString());
        Assert.Equal(u.Ratio, session.Glance[0].UpdateRatio);
    }

    [Fact]
    public void Copies_handed_out_do_not_change_when_the_session_steps_on()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options());
        var first = session.Step();
        var kept = first.Layers.SelectMany(l => l.Forward.Concat(l.Backward)).Select(t => (t.Symbol, Copy: t.Value.Clone(), t.Value)).ToList();
        kept.AddRange(first.Updates.Select(u => (u.Symbol + " update", u.Update!.Clone(), u.Update!)));
        // Not the engine's own buffers: the gradients and the reused dx buffers of the layers.
        var net = session.Network;
        foreach (var p in net.Parameters)
        {
            Assert.DoesNotContain(kept, k => ReferenceEquals(k.Value, p.Grad));
            Assert.DoesNotContain(kept, k => ReferenceEquals(k.Value, p.Value));
        }

        session.Step();
        session.StepLayer();
        session.StepLayer();
        session.Step();
        Assert.NotSame(first, session.Current);
        foreach (var (symbol, copy, value) in kept) AssertBits(copy, value, $"{symbol} after three more steps");
        // The second batch's dA[1] came out of the same reused buffer of Dense 2 and is different.
        Assert.NotEqual(first.Layer(1).DA, session.Current!.Layer(1).DA);
    }

    [Fact]
    public void The_glance_has_one_row_per_layer_with_the_spread_of_A_and_dZ_and_one_entry_per_iteration()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm("tanh"), Train, Val, Options());
        Assert.All(session.Glance, g => Assert.True(double.IsNaN(g.ActivationStd)));
        Assert.Equal(2, session.Glance.Count);
        session.StepLayer();
        Assert.False(double.IsNaN(session.Glance[0].ActivationStd));
        Assert.True(double.IsNaN(session.Glance[1].ActivationStd)); // the forward pass has not reached layer 2
        var record = session.Step();
        var glance = session.Glance;
        Assert.Equal(record.Layer(1).Get("A")!.Summary.Std, glance[0].ActivationStd);
        Assert.Equal(record.Layer(1).Get("A")!.Summary.Saturated, glance[0].Saturated);
        Assert.False(double.IsNaN(glance[0].Saturated)); // tanh saturates
        Assert.Equal(record.DScores!.Summary.Std, glance[1].GradientStd);
        Assert.Equal(record.Layer(1).Get("dZ")!.Summary.Std, glance[0].GradientStd);
        session.Step();
        Assert.Equal([1, 2], session.Glances.Select(g => g.Iteration));
        Assert.Equal(session.History.Costs, session.Glances.Select(g => g.Cost));
    }
}
