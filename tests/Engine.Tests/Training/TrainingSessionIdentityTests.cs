using NotebookDL.Training;
using static NotebookDL.Tests.Training.SessionData;

namespace NotebookDL.Tests.Training;

/// <summary>Stepping through a run does exactly what the trainer does: the same parameters to the last bit.</summary>
public class TrainingSessionIdentityTests
{
    public static TheoryData<string, double, string, double> Configurations() => new()
    {
        { "relu", 0, "sgd", 0 },
        { "tanh", 0, "momentum", 1e-2 },
        { "relu", 0.3, "adam", 0 },    // dropout masks are drawn in the same order
        { "sigmoid", 0, "rmsprop", 1e-3 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void One_batch_stepped_layer_by_layer_equals_one_full_step_and_one_trainer_iteration(string activation, double dropout, string optimizer, double reg)
    {
        var arch = TwoLayerBatchNorm(activation, dropout, reg);
        var byLayer = TrainingSession.Create(arch, Train, Val, Options(optimizer));
        int steps = 0;
        do
        {
            byLayer.StepLayer();
            steps++;
        }
        while (byLayer.InBatch);
        Assert.Equal(2 * 2 + 2, steps); // forward 1, 2, the loss, backward 2, 1, the update

        var whole = TrainingSession.Create(arch, Train, Val, Options(optimizer));
        whole.Step();
        AssertBitIdentical(whole.Network, byLayer.Network, "one Step() vs six StepLayer()");
        Assert.Equal(whole.History.Costs, byLayer.History.Costs);

        var net = Mlp.Create(arch);
        TrainFor(net, Options(optimizer), iterations: 1);
        AssertBitIdentical(net, byLayer.Network, "Trainer.Train for one iteration vs the session");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Two_epochs_stepped_by_layer_by_batch_by_epoch_or_continued_all_equal_the_trainer(string activation, double dropout, string optimizer, double reg)
    {
        var arch = TwoLayerBatchNorm(activation, dropout, reg);
        var o = Options(optimizer, epochs: 2);
        var net = Mlp.Create(arch);
        var history = new Trainer().Train(net, Train, Val, o);
        Assert.Equal(6, history.Iterations); // 3 batches (50, 50, 30) per epoch

        var byLayer = TrainingSession.Create(arch, Train, Val, o);
        while (!byLayer.Finished) byLayer.StepLayer();
        var byBatch = TrainingSession.Create(arch, Train, Val, o);
        while (!byBatch.Finished) byBatch.Step();
        var byEpoch = TrainingSession.Create(arch, Train, Val, o);
        byEpoch.StepEpoch();
        byEpoch.StepEpoch();
        var continued = TrainingSession.Create(arch, Train, Val, o);
        continued.StepLayer(); // part-way into the first batch, then on to the end
        Assert.Equal(PauseReason.Finished, continued.Continue().Reason);

        foreach (var (name, session) in new[] { ("by layer", byLayer), ("by batch", byBatch), ("by epoch", byEpoch), ("continued", continued) })
        {
            Assert.True(session.Finished, name);
            AssertBitIdentical(net, session.Network, name);
            Assert.Equal(history.Costs, session.History.Costs);
            Assert.Equal(history.Epochs.Select(e => (e.Cost, e.TrainAccuracy, e.ValAccuracy, e.LearningRate)),
                session.History.Epochs.Select(e => (e.Cost, e.TrainAccuracy, e.ValAccuracy, e.LearningRate)));
            Assert.Equal("completed 2 epochs", session.History.StopMessage);
        }
    }

    [Fact]
    public void The_batches_the_session_records_are_the_trainer_s_shuffled_rows()
    {
        var recorder = new RecordingLayer(8);
        var net = new Network(8, [recorder, new Layers.Dense<double>(8, 4, Init.Initializer.Small, new NotebookDL.Tensors.Rng(1))], new Losses.SoftmaxCrossEntropy<double>());
        new Trainer().Train(net, Train, null, Options(epochs: 2));

        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, null, Options(epochs: 2));
        var seen = new List<double[]>();
        while (!session.Finished) seen.Add(session.Step().X.Column(0).ToArray());
        Assert.Equal(recorder.Batches, seen);
        Assert.Equal([50, 50, 30, 50, 50, 30], seen.Select(b => b.Length));
    }

    [Fact]
    public void Frozen_parameters_are_left_alone_as_the_trainer_leaves_them()
    {
        var arch = TwoLayerBatchNorm();
        var net = Mlp.Create(arch);
        foreach (var p in net.Layers[0].Parameters) p.Frozen = true;
        var frozenBefore = net.Layers[0].Parameters[0].Value.Clone();
        var session = new TrainingSession(net, Train, Val, Options());
        var record = session.Step();
        Assert.False(record.Update("W[1]")!.Applied);
        Assert.Null(record.Update("W[1]")!.Update);
        Assert.True(record.Update("W[2]")!.Applied);
        AssertBits(frozenBefore, net.Layers[0].Parameters[0].Value, "frozen W[1]");

        var reference = Mlp.Create(arch);
        foreach (var p in reference.Layers[0].Parameters) p.Frozen = true;
        TrainFor(reference, Options(), iterations: 1);
        AssertBitIdentical(reference, net, "frozen first layer");
    }

    /// <summary>Trainer.Train stopped (by cancellation) after exactly <paramref name="iterations"/> iterations.</summary>
    private static void TrainFor(Network net, TrainOptions o, int iterations)
    {
        using var cts = new CancellationTokenSource();
        var trainer = new Trainer();
        trainer.IterationCompleted += r => { if (r.Iteration == iterations) cts.Cancel(); };
        var h = trainer.Train(net, Train, Val, o, cts.Token);
        Assert.Equal(iterations, h.Iterations);
    }
}
