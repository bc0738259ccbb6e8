using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Schedules;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

public class TrainerTests
{
    private static Network SpiralNet(int seed = 1, double dropout = 0, Initializer? init = null, string activation = "relu") =>
        Mlp.Create(new MlpOptions
        {
            InputSize = 2, Classes = 3, Hidden = [50], Init = init ?? Initializer.He, Activation = activation, Dropout = dropout, Seed = seed,
        });

    private static readonly Dataset Spiral = TrainingData.Spiral(100, 3, seed: 0);

    private static TrainOptions Adam(int epochs) => new()
    {
        Optimizer = "adam", LearningRate = 1e-2, BatchSize = 30, Epochs = epochs,
    };

    [Fact]
    public void The_cost_goes_down_and_train_accuracy_rises_on_a_spiral()
    {
        var history = new Trainer().Train(SpiralNet(), Spiral, null, Adam(20));
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(20 * 10, history.Costs.Count);
        Assert.True(history.Epochs[^1].Cost < 0.5 * history.InitialCost, history.ToString());
        Assert.True(history.Epochs[^1].TrainAccuracy > 0.8, history.ToString());
        Assert.True(history.Epochs[^1].TrainAccuracy > history.Epochs[0].TrainAccuracy + 0.1, history.ToString());
        Assert.Equal(Diagnosis.Healthy, TrainingVerdict.Of(history).Kind);
    }

    [Theory]
    [InlineData(10_000, 200, 50)]  // the lecture's example
    [InlineData(10_050, 200, 51)]  // the last, partial batch of 50 is used
    [InlineData(300, 1000, 1)]     // a batch larger than the data is the whole data
    public void Iterations_per_epoch_are_N_over_batch_rounded_up(int n, int batch, int expected)
    {
        var data = TrainingData.Gaussian(n, 2, 3, seed: 2);
        var net = Mlp.Create(new MlpOptions { InputSize = 2, Classes = 3, Hidden = [4], Seed = 1 });
        var history = new Trainer().Train(net, data, null, new TrainOptions { BatchSize = batch, Epochs = 2 });
        Assert.Equal(expected, history.IterationsPerEpoch);
        Assert.Equal(2 * expected, history.Costs.Count);
        Assert.Equal(2, history.Epochs.Count);
    }

    [Fact]
    public void Every_example_is_seen_once_per_epoch_in_a_new_order()
    {
        var data = TrainingData.Gaussian(53, 2, 3, seed: 2);
        var recorder = new RecordingLayer(2);
        var net = new Network(2, [recorder, new Dense(2, 3, Initializer.Small, new Rng(1))], new SoftmaxCrossEntropy());
        new Trainer().Train(net, data, null, new TrainOptions { BatchSize = 10, Epochs = 2 });
        Assert.Equal([10, 10, 10, 10, 10, 3, 10, 10, 10, 10, 10, 3], recorder.Batches.Select(b => b.Length));
        var all = data.X.Column(0).OrderBy(v => v).ToArray();
        var epoch1 = recorder.Batches.Take(6).SelectMany(b => b).ToArray();
        var epoch2 = recorder.Batches.Skip(6).SelectMany(b => b).ToArray();
        Assert.Equal(all, epoch1.OrderBy(v => v));
        Assert.Equal(all, epoch2.OrderBy(v => v));
        Assert.NotEqual(epoch1, epoch2); // reshuffled
    }

    [Fact]
    public void A_learning_rate_of_1e6_stops_the_run_and_keeps_its_history_without_throwing()
    {
        var net = SpiralNet(init: Initializer.Small); // small weights: the initial cost is ln 3 = 1.0986
        var history = new Trainer().Train(net, Spiral, null, new TrainOptions { LearningRate = 1e6, BatchSize = 30, Epochs = 5 });
        Assert.Contains(history.StopReason, new[] { StopReason.NotFinite, StopReason.CostExploded });
        Assert.InRange(history.Costs.Count, 2, 49);
        Assert.Contains("the learning rate is probably too high", history.StopMessage);
        Assert.True(history.StopMessage.Contains("exceeded 3 x the initial cost 1.10"), history.StopMessage);
        Assert.Equal(Diagnosis.LearningRateTooHigh, TrainingVerdict.Of(history).Kind);
        Assert.True(net.Parameters.All(p => p.Value.AllFinite()));
    }

    [Fact]
    public void A_NaN_cost_stops_the_run_with_the_lecture_s_diagnosis()
    {
        // A learning rate of 1e200 with no stop factor drives the weights to infinity; inf - inf makes NaN.
        var history = new Trainer().Train(SpiralNet(), Spiral, null, Adam(3) with { Optimizer = "sgd", LearningRate = 1e200, StopFactor = null });
        Assert.Equal(StopReason.NotFinite, history.StopReason);
        Assert.Matches("^cost is (NaN|∞|-∞|Infinity|-Infinity) at iteration ", history.StopMessage);
        Assert.EndsWith(": the learning rate is probably too high", history.StopMessage);
        Assert.False(double.IsFinite(history.Costs[^1]));
        Assert.Equal(Diagnosis.LearningRateTooHigh, TrainingVerdict.Of(history).Kind);
    }

    [Fact]
    public void NaN_in_the_data_is_a_clear_error_naming_where_it_is_not_a_blamed_learning_rate()
    {
        var x = Spiral.X.Clone();
        x[7, 0] = double.NaN;
        var poisoned = new Dataset("poisoned", x, Spiral.Y);
        var e = Assert.Throws<ArgumentException>(() => new Trainer().Train(SpiralNet(), poisoned, null, Adam(3)));
        Assert.Contains("the training set 'poisoned' holds NaN at row 7, column 0", e.Message);
    }

    [Fact]
    public void Cancelling_after_k_iterations_stops_and_keeps_k_costs()
    {
        using var cts = new CancellationTokenSource();
        var trainer = new Trainer();
        trainer.IterationCompleted += r => { if (r.Iteration == 13) cts.Cancel(); };
        var history = trainer.Train(SpiralNet(), Spiral, null, Adam(10), cts.Token);
        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal("cancelled", history.StopMessage);
        Assert.Equal(13, history.Costs.Count);
        Assert.Single(history.Epochs); // epoch 1 (10 iterations) completed before the cancel
    }

    [Fact]
    public void A_time_budget_stops_the_run()
    {
        var history = new Trainer().Train(SpiralNet(), Spiral, null, Adam(100_000) with { MaxDuration = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(StopReason.TimeBudget, history.StopReason);
        Assert.Equal("time budget of 0.1 s reached", history.StopMessage);
        Assert.True(history.Elapsed < TimeSpan.FromSeconds(5), history.Elapsed.ToString());
        Assert.True(history.Epochs.Count < 100_000);
    }

    [Fact]
    public void The_same_seed_gives_a_bit_identical_history_and_parameters()
    {
        var o = Adam(3) with { Seed = 5 };
        var (h1, n1) = Run(o);
        var (h2, n2) = Run(o);
        AssertBitIdentical(h1, n1, h2, n2);
        var (h3, _) = Run(o with { Seed = 6 }); // another shuffle: another history
        Assert.NotEqual(h1.Costs, h3.Costs);

        static (TrainingHistory, Network) Run(TrainOptions o)
        {
            var net = SpiralNet(dropout: 0.2); // dropout masks are random too
            return (new Trainer().Train(net, Spiral, Spiral, o), net);
        }
    }

    [Fact]
    public void One_or_two_threads_give_bit_identical_results()
    {
        // 3072-50-10 on 200 rows: big enough for Ops to split the products over threads.
        var data = TrainingData.Gaussian(200, 3072, 10, seed: 3);
        var o = new TrainOptions { Optimizer = "adam", BatchSize = 100, Epochs = 1, TrainAccuracySamples = 20 };
        var (h1, n1) = Run(threads: 1);
        var (h2, n2) = Run(threads: 2);
        AssertBitIdentical(h1, n1, h2, n2);

        (TrainingHistory, Network) Run(int threads)
        {
            using var _ = Ops.UseThreads(threads);
            var net = Mlp.Create(new MlpOptions { InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.XavierNormal, Seed = 1 });
            return (new Trainer().Train(net, data, null, o), net);
        }
    }

    [Fact]
    public void Snapshots_are_taken_at_the_end_of_each_cosine_restart_cycle()
    {
        var net = SpiralNet();
        var schedule = new CosineRestarts(1e-2, t0: 1, tMult: 2);
        var lrs = new List<double>();
        var trainer = new Trainer();
        trainer.IterationCompleted += r => lrs.Add(r.LearningRate);
        var history = trainer.Train(net, Spiral, null, Adam(7) with { LearningRate = 1e-2, Schedule = schedule, SnapshotAtRestarts = true });
        Assert.Equal([1.0, 3.0, 7.0], history.SnapshotEpochs);                    // cycles of 1, 2 and 4 epochs
        Assert.Equal([1.0, 3.0, 7.0], history.Snapshots.Select(s => s.Epoch));
        Assert.Equal(1e-2, lrs[10]);                                               // first iteration of epoch 2: a restart
        Assert.True(lrs[9] < 0.03 * 1e-2, $"{lrs[9]}");                            // last of epoch 1: near lrMin
        // The last snapshot is the final model; the first one is not.
        var final = net.Snapshot();
        Assert.Equal(final.Parameters[0][0], history.Snapshots[^1].Network.Parameters[0][0]);
        Assert.NotEqual(final.Parameters[0][0], history.Snapshots[0].Network.Parameters[0][0]);
    }

    [Fact]
    public void Snapshots_every_k_epochs()
    {
        var history = new Trainer().Train(SpiralNet(), Spiral, null, Adam(6) with { SnapshotEveryEpochs = 2 });
        Assert.Equal([2.0, 4.0, 6.0], history.SnapshotEpochs);
    }

    [Fact]
    public void KeepBest_restores_the_parameters_of_the_best_validation_epoch()
    {
        // Random labels: the net memorises the training set while validation accuracy wanders near chance,
        // so the last epoch is not the best one.
        var train = TrainingData.Gaussian(200, 20, 3, seed: 6);
        var val = TrainingData.Gaussian(200, 20, 3, seed: 7);
        var o = new TrainOptions { Optimizer = "adam", LearningRate = 1e-2, BatchSize = 50, Epochs = 15, KeepBest = true };
        var net = Mlp.Create(new MlpOptions { InputSize = 20, Classes = 3, Hidden = [100], Init = Initializer.He, Seed = 0 });
        var history = new Trainer().Train(net, train, val, o);
        Assert.True(history.Epochs[^1].ValAccuracy < history.BestValAccuracy, history.ToString()); // the premise
        Assert.True(history.RestoredBest);
        Assert.Equal(history.BestValAccuracy, net.Accuracy(val.X, val.Labels));
        Assert.Equal(history.Epochs.Max(e => e.ValAccuracy), history.BestValAccuracy);
        Assert.Equal(history.Epochs.First(e => e.ValAccuracy == history.BestValAccuracy).Epoch, history.BestEpoch);
    }

    [Fact]
    public void Events_report_every_iteration_and_every_epoch()
    {
        var trainer = new Trainer();
        var iterations = new List<IterationReport>();
        var epochs = new List<EpochSummary>();
        trainer.IterationCompleted += iterations.Add;
        trainer.EpochCompleted += epochs.Add;
        var history = trainer.Train(SpiralNet(), Spiral, Spiral, Adam(3));
        Assert.Equal(history.Costs, iterations.Select(r => r.Cost));
        Assert.Equal(Enumerable.Range(1, 30), iterations.Select(r => r.Iteration));
        Assert.Equal(3, iterations[^1].Epoch);
        Assert.Equal(history.Epochs, epochs);
        Assert.All(epochs, e => Assert.NotNull(e.ValAccuracy));
    }

    [Fact]
    public void The_epoch_cost_is_the_mean_of_its_iteration_costs_and_the_lr_follows_the_schedule()
    {
        var schedule = new ExponentialDecay(1e-2, 0.5);
        var history = new Trainer().Train(SpiralNet(), Spiral, null, Adam(3) with { LearningRate = 1e-2, Schedule = schedule });
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(history.Costs.Skip(10 * e).Take(10).Average(), history.Epochs[e].Cost, 1e-12);
            Assert.Equal(1e-2 * Math.Pow(0.5, e), history.Epochs[e].LearningRate);
        }
    }

    [Fact]
    public void KeepBest_without_a_validation_set_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new Trainer().Train(SpiralNet(), Spiral, null, Adam(1) with { KeepBest = true }));
        Assert.Contains("validation", e.Message);
    }

    [Fact]
    public void Data_of_the_wrong_width_is_an_error()
    {
        var data = TrainingData.Gaussian(10, 3, 3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => new Trainer().Train(SpiralNet(), data, null, Adam(1)));
        Assert.Contains("3 features but the network takes 2", e.Message);
    }

    internal static void AssertBitIdentical(TrainingHistory h1, Network n1, TrainingHistory h2, Network n2)
    {
        Assert.Equal(h1.Costs.Select(BitConverter.DoubleToInt64Bits), h2.Costs.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(h1.Epochs.Select(e => (e.Cost, e.TrainAccuracy, e.ValAccuracy)), h2.Epochs.Select(e => (e.Cost, e.TrainAccuracy, e.ValAccuracy)));
        var p1 = n1.Parameters.ToArray();
        var p2 = n2.Parameters.ToArray();
        Assert.Equal(p1.Length, p2.Length);
        for (int i = 0; i < p1.Length; i++)
            Assert.Equal(p1[i].Value.Data().Select(BitConverter.DoubleToInt64Bits), p2[i].Value.Data().Select(BitConverter.DoubleToInt64Bits));
    }
}
