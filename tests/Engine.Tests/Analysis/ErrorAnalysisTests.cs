using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

public sealed class ErrorAnalysisTests
{
    [Fact]
    public void Five_dogs_among_100_errors_at_10_percent_error_take_it_to_9_5_percent_at_best()
    {
        var report = ErrorCategoryReport.FromCounts(0.10, 100, ("dogs", 5), ("great cats", 50), ("blurry", 43));
        var dogs = report.Categories[0];
        Assert.Equal(0.05, dogs.Share, 12);
        Assert.Equal(0.095, dogs.Ceiling, 12);
        Assert.Equal(0.005, dogs.MaxGain, 12);
        Assert.Equal(0.05, report.Categories[1].Ceiling, 12);
        Assert.Equal("great cats", report.Largest.Name);
        Assert.Contains("from 10.0% to 9.5% at best", dogs.ToString());
        Assert.Contains("work on 'great cats' first", report.Advice);
        Assert.Contains("to 5.0%", report.Advice);
    }

    [Theory]
    [InlineData(1.5, 100, 5)]
    [InlineData(0.1, 0, 0)]
    [InlineData(0.1, 100, 101)]
    public void Impossible_counts_are_refused(double error, int sampled, int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorCategoryReport.FromCounts(error, sampled, ("dogs", count)));
    }

    [Fact]
    public void About_100_errors_are_sampled_seeded_in_data_order_from_all_the_errors()
    {
        // 1,000 examples of 2 classes; the scores get every fourth example wrong: 250 errors.
        int n = 1000;
        var labels = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var scores = Mat.Zeros(n, 2);
        for (int i = 0; i < n; i++) scores[i, i % 4 == 0 ? 1 - labels[i] : labels[i]] = 2.0;
        var data = new Dataset("toy", Mat.Zeros(n, 3), labels, ["a", "b"]);

        var sample = ErrorSample.FromScores(data, scores, seed: 1);
        Assert.Equal(250, sample.ErrorCount);
        Assert.Equal(0.25, sample.ErrorRate, 12);
        Assert.Equal(100, sample.Errors.Count);
        Assert.All(sample.Errors, e => Assert.Equal(0, e.Index % 4));
        Assert.Equal(sample.Errors.Select(e => e.Index).Order(), sample.Errors.Select(e => e.Index));
        Assert.Equal(sample.Errors.Select(e => e.Index), ErrorSample.FromScores(data, scores, seed: 1).Errors.Select(e => e.Index));
        Assert.NotEqual(sample.Errors.Select(e => e.Index), ErrorSample.FromScores(data, scores, seed: 2).Errors.Select(e => e.Index));
        double p = Math.Exp(2) / (1 + Math.Exp(2)); // softmax of [0, 2]
        Assert.All(sample.Errors, e => Assert.Equal(p, e.Confidence, 12));
        Assert.All(sample.Errors, e => Assert.Equal(1 - p, e.ActualProbability, 12));
        Assert.Equal(250, sample.Confusion.Total - sample.Confusion.Correct);
        Assert.Equal(250, ErrorSample.FromScores(data, scores, size: 400).Errors.Count); // fewer errors than asked: all of them
    }

    [Fact]
    public void A_network_with_fewer_outputs_than_the_data_has_classes_is_refused_as_trained_on_other_data()
    {
        // Trained on 3 classes, asked about data of 4: its scores have no column for class 3.
        var net = Mlp.Create(new MlpOptions { InputSize = 2, Classes = 3, Hidden = [], Seed = 0 });
        var spiral = Spiral.Create(10, 4, seed: 0);
        var error = Assert.Throws<ArgumentException>(() => ErrorSample.Draw(net, spiral));
        Assert.Equal($"'{spiral.Name}' has 4 classes but the network predicts 3: analyse the data it was trained for", error.Message);
        var scores = Mat.Zeros(spiral.Count, 3);
        Assert.Contains("3 columns of scores for the 4 classes", Assert.Throws<ArgumentException>(() => ErrorSample.FromScores(spiral, scores)).Message);
    }

    [Fact]
    public void Categories_of_a_real_digits_classifier_count_the_sampled_errors_and_their_ceilings()
    {
        var (net, dev) = WeakDigitsClassifier();
        var sample = ErrorSample.Draw(net, dev, size: 40, seed: 0);
        var confusion = ConfusionMatrix.Of(net, dev);
        Assert.Equal(confusion.Total - confusion.Correct, sample.ErrorCount);
        Assert.Equal(Math.Min(40, sample.ErrorCount), sample.Errors.Count);
        var predicted = net.Predict(dev.X);
        Assert.All(sample.Errors, e =>
        {
            Assert.NotEqual(e.Actual, e.Predicted);
            Assert.Equal(predicted[e.Index], e.Predicted);
            Assert.Equal(dev.Labels[e.Index], e.Actual);
            Assert.True(e.Confidence >= e.ActualProbability);
        });

        var report = sample.Categorize(("unsure", e => e.Confidence < 0.5), ("sure", e => e.Confidence >= 0.5), ("true 8", e => e.Actual == 8));
        int unsure = sample.Errors.Count(e => e.Confidence < 0.5);
        Assert.Equal(unsure, report.Categories[0].Count);
        Assert.Equal(sample.Errors.Count - unsure, report.Categories[1].Count);
        Assert.Equal(sample.Errors.Count(e => e.Actual == 8), report.Categories[2].Count);
        Assert.Equal(0, report.Uncategorized); // unsure or sure: every error is somewhere
        var c = report.Categories[0];
        Assert.Equal(sample.ErrorRate * (1 - (double)unsure / sample.Errors.Count), c.Ceiling, 12);
    }

    [Fact]
    public void Tags_given_by_hand_are_counted_and_untagged_errors_are_uncategorised()
    {
        var (net, dev) = WeakDigitsClassifier();
        var sample = ErrorSample.Draw(net, dev, size: 20);
        var ids = sample.Errors.Select(e => e.Index).ToArray();
        var report = sample.Tag(new Dictionary<int, string[]> { [ids[0]] = ["blurry"], [ids[1]] = ["blurry", "mislabelled"], [ids[2]] = ["mislabelled"] });
        Assert.Equal(["blurry", "mislabelled"], report.Categories.Select(c => c.Name));
        Assert.Equal([2, 2], report.Categories.Select(c => c.Count));
        Assert.Equal([ids[0], ids[1]], report.Categories[0].Examples);
        Assert.Equal(sample.Errors.Count - 3, report.Uncategorized);

        int notSampled = Enumerable.Range(0, dev.Count).First(i => !ids.Contains(i));
        var e = Assert.Throws<ArgumentException>(() => sample.Tag(new Dictionary<int, string[]> { [notSampled] = ["blurry"] }));
        Assert.Contains($"example {notSampled} is not one of the", e.Message);
        Assert.Throws<ArgumentException>(() => sample.Categorize());
        Assert.Throws<ArgumentException>(() => sample.Categorize(("a", _ => true), ("a", _ => false)));
    }

    [Fact]
    public void Bad_input_to_the_sample_is_refused_clearly()
    {
        var (net, dev) = WeakDigitsClassifier();
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorSample.Draw(net, dev, size: 0));
        var narrow = new Dataset("narrow", Mat.Zeros(5, 3), new int[5]);
        Assert.Contains("3 features but the network takes 64", Assert.Throws<ArgumentException>(() => ErrorSample.Draw(net, narrow)).Message);
        var multi = new Dataset("multi", Mat.Zeros(5, 64), Targets.OfLabels(Mat.Zeros(5, 2)));
        Assert.Throws<ArgumentException>(() => ErrorSample.Draw(net, multi));
    }

    [SkippableFact]
    public void On_cifar10_the_sample_keeps_the_pictures_and_cat_dog_confusions_can_be_counted()
    {
        var folder = SharedData.Require("cifar10");
        var raw = Cifar10.LoadFile(Path.Combine(folder, "data_batch_1.bin"), maxRecords: 1500);
        var splits = Split.Random(raw, val: 500, seed: 0);
        var pipeline = Pipeline.Parse("mean");
        var processed = pipeline.FitTransform(splits);
        var net = Mlp.Create(new MlpOptions { InputSize = 3072, Classes = 10, Hidden = [50], Init = NotebookDL.Init.Initializer.He });
        new Trainer().Train(net, processed.Train, null, new TrainOptions { Optimizer = "adam", LearningRate = 1e-3, Epochs = 3, BatchSize = 100 });

        var sample = ErrorSample.Draw(net, processed.Val!, pictures: splits.Val);
        Assert.True(sample.ErrorRate > 0.4, $"an MLP on 1,000 CIFAR-10 images errs often, got {sample.ErrorRate:P1}");
        Assert.Equal(100, sample.Errors.Count);
        Assert.All(sample.Errors, e => Assert.Equal(3072, e.Picture!.Length));
        Assert.All(sample.Errors, e => Assert.True(e.Picture!.All(v => v >= 0 && v <= 255)));
        var report = sample.Categorize(("cat vs dog", e => e.Confuses("cat", "dog")), ("animal as vehicle", e => e.Actual is >= 2 and <= 7 && e.Predicted is 0 or 1 or 8 or 9));
        Assert.Equal(sample.Errors.Count(e => e.ActualName is "cat" or "dog" && e.PredictedName is "cat" or "dog"), report.Categories[0].Count);
    }

    /// <summary>Softmax regression on 100 digits: good enough to be meaningful, weak enough to leave dozens of dev errors.</summary>
    private static (Network Net, Dataset Dev) WeakDigitsClassifier()
    {
        var splits = Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), train: 100, val: 500, seed: 0));
        var net = Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [], Seed = 0 });
        new Trainer().Train(net, splits.Train, null, new TrainOptions { Optimizer = "adam", LearningRate = 1e-2, Epochs = 5, BatchSize = 50 });
        return (net, splits.Val!);
    }
}
