using System.Diagnostics;
using System.Net;
using NotebookDL.Data;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// The engine outside notebooks: <c>dotnet run samples/train.cs -- FILE</c>, as the README gives it, trains the
/// lecture's default run on the built-in digits, prints its log table and verdict and writes an offline HTML
/// report with #!train's charts and table.
/// </summary>
[Collection("jupyter")] // builds src/Engine, src/Charts and src/Reports: never while another test packs them
public class TrainSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_sample_trains_prints_the_log_table_and_verdict_and_writes_the_report()
    {
        var folder = Directory.CreateTempSubdirectory("notebookdl-sample-");
        try
        {
            var report = Path.Combine(folder.FullName, "out", "report.html");
            var clock = Stopwatch.StartNew();
            var (code, log) = ExternalTool.Run("dotnet", ["run", "samples/train.cs", "--", report], TimeSpan.FromMinutes(5),
                workingDirectory: Repository.Root);
            output.WriteLine($"dotnet run samples/train.cs: exit code {code} after {clock.Elapsed.TotalSeconds:F1} s\n{log}");
            Assert.Equal(0, code);

            // The same run, in process: its every epoch line and its verdict are in the sample's output.
            var data = Digits.Prepared();
            var expected = new Trainer().Train(Mlp.Create(new MlpOptions { InputSize = data.Train.Features, Classes = data.Train.Classes }),
                data.Train, data.Val, new TrainOptions { LearningRate = DatasetDefaults.For("digits").LearningRate!.Value });
            Assert.Equal(Diagnosis.Healthy, TrainingVerdict.Of(expected).Kind); // what a bare #!train gives on the digits
            foreach (var epoch in expected.Epochs) Assert.Contains(epoch.Format(expected.EpochsRequested), log);
            var verdict = TrainingVerdict.Of(expected).Message;
            Assert.Contains(verdict, log);
            Assert.Contains($"report: {report}", log);

            var html = File.ReadAllText(report);
            foreach (var part in new[] { "plotly.js v2.", "Plotly.newPlot", "cost per iteration", "accuracy per epoch", "<table", "train acc", "val acc",
                                         $"{expected.EpochsRequested} / {expected.EpochsRequested}", WebUtility.HtmlEncode("verdict: " + verdict) })
                Assert.Contains(part, html);
            Assert.DoesNotContain("notebookdl-chart-error", html);
            Assert.DoesNotContain("<script src", html); // offline: plotly.js is in the page

            // The network file, written where reflection-based JSON is off by default (a file-based app), reads back.
            var saved = Path.ChangeExtension(report, ".network.json");
            Assert.Contains($"network: {saved}", log);
            var loaded = NetworkFile.Load(saved);
            Assert.Equal(expected.Epochs[^1].ValAccuracy!.Value, loaded.Network.Accuracy(data.Val!.X, data.Val.Labels), 12);
            Assert.Equal(expected.Epochs.Count, TrainingHistory.FromJson(loaded.HistoryJson!).Epochs.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
