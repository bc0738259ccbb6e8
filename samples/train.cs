// The engine outside notebooks: what #!train shows in a notebook, from a plain C# file.
//   dotnet run samples/train.cs                       (writes train-report.html)
//   dotnet run samples/train.cs -- out/report.html
#:project ../src/Engine/NotebookDL.Engine.csproj
#:project ../src/Reports/NotebookDL.Reports.csproj

using NotebookDL.Data;
using NotebookDL.Reports;
using NotebookDL.Training;

// The built-in 8x8 digits as a notebook starts with them: 1,497 train / 300 val, mean-subtracted and standardised.
var data = Digits.Prepared();

// What a bare #!train does on the digits: the lecture's 64-50-10 with ReLU and small random weights, SGD for 10
// epochs of mini-batches of 200, at the digits' learning rate (DatasetDefaults: the lecture's 1e-3, set for
// CIFAR-10, learns nothing in 80 mini-batches).
var net = Mlp.Create(new MlpOptions { InputSize = data.Train.Features, Classes = data.Train.Classes });
Console.WriteLine($"training {net.Layers.Count} layers, {net.ParameterCount:N0} parameters on {data.Train.Count:N0} digits");
var options = new TrainOptions { LearningRate = DatasetDefaults.For("digits").LearningRate ?? new TrainOptions().LearningRate };
var history = new Trainer().Train(net, data.Train, data.Val, options);

// The log table and the verdict, as #!train writes them as text. The verdict says what to try next: change
// one setting, e.g. new TrainOptions { LearningRate = 1e-3 } (the lecture's rate: too low here), and run again.
Console.WriteLine(TrainingHistoryFormatter.Text(history));

// The charts, the table and the verdict as #!train's cell shows them, in one page that opens offline.
var report = HtmlPage.Write(args.Length > 0 ? args[0] : "train-report.html", "NotebookDL: the digits with the lecture's defaults",
    TrainingHistoryFormatter.Html(history),
    Html.Detail($"samples/train.cs · {net.ParameterCount:N0} parameters · data: digits, {data.Train.Count:N0} train / {data.Val!.Count:N0} val, mean,std"));
Console.WriteLine($"report: {report}");

// The trained network and its history in one file, which NetworkFile.Load (or #!compare in a notebook) reads back.
var saved = Path.ChangeExtension(report, ".network.json");
NetworkFile.Save(net, saved, history.ToJson());
Console.WriteLine($"network: {saved}");
