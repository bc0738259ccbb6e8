using Microsoft.DotNet.Interactive.Formatting;
using Html = NotebookDL.Reports.Html;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Extension.Session;
using NotebookDL.Losses;
using NotebookDL.Probes;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>Registers the HTML and text formatters of the engine's types, so a C# cell returning one renders richly.</summary>
public static class EngineFormatters
{
    public static void Register()
    {
        Register<SoftmaxSteps>(s => SoftmaxFormatter.Html(s), s => SoftmaxFormatter.Text(s));
        Register<NotebookDL.Training.TrainingHistory>(h => TrainingHistoryFormatter.Html(h), TrainingHistoryFormatter.Text);
        Register<NotebookDL.Extension.Session.TrainingRun>(r => TrainingHistoryFormatter.Html(r.History) + Html.Detail(r.CommandLine + " · data: " + r.Data), r => r.ToString());
        Register<Matrix<double>>(MatrixFormatter.Html, MatrixFormatter.Text);
        Register<Vector<double>>(MatrixFormatter.Html, MatrixFormatter.Text);
        Register<Network>(NetworkFormatter.Html, NetworkFormatter.Text);
        Register<ActivationReport>(ActivationReportFormatter.HtmlWithCharts, ActivationReportFormatter.Text);
        Register<Dictionary<string, ActivationReport>>(ActivationReportFormatter.HtmlWithCharts, ActivationReportFormatter.Text);
        Register<GradientCheckReport>(GradientCheckReportFormatter.Html, GradientCheckReportFormatter.Text);
        Register<Dataset>(DatasetFormatter.HtmlWithCharts, DatasetFormatter.Text);
        Register<DatasetSplits>(DatasetFormatter.HtmlWithCharts, DatasetFormatter.Text);
        Register<CurrentData>(DatasetFormatter.HtmlWithCharts, DatasetFormatter.Text);
        Register<ConfusionMatrix>(ConfusionMatrixFormatter.HtmlWithCharts, ConfusionMatrixFormatter.Text);
        Register<NotebookDL.Search.SearchResult>(SearchResultFormatter.Html, SearchResultFormatter.Text);
        Register<SearchRun>(SearchResultFormatter.Html, r => r.ToString());
        Register<NotebookDL.Search.LearningRateFinderResult>(LearningRateFinderFormatter.Html, r => r.ToString());
        Register<NotebookDL.Ensembles.EnsembleRun>(EnsembleFormatter.Html, r => r.ToString() + "\n" + r.Report);
        Register<NotebookDL.Ensembles.EnsembleReport>(EnsembleFormatter.Html, r => r.ToString());
        Register<NotebookDL.Exercises.ExerciseResult>(ExerciseResultFormatter.Html, ExerciseResultFormatter.Text);
        Register<UseResult>(ExerciseResultFormatter.Html, ExerciseResultFormatter.Text);
        Register<ExerciseBoard>(ExerciseBoardFormatter.Html, ExerciseBoardFormatter.Text);
        Register<ErrorSample>(ErrorSampleFormatter.HtmlWithCharts, ErrorSampleFormatter.Text);
        Register<ErrorCategoryReport>(ErrorCategoryReportFormatter.HtmlWithCharts, ErrorCategoryReportFormatter.Text);
        Register<BiasVarianceTable>(BiasVarianceTableFormatter.HtmlWithCharts, BiasVarianceTableFormatter.Text);
        Register<LabelNoiseResult>(LabelNoiseResultFormatter.HtmlWithCharts, LabelNoiseResultFormatter.Text);
        Register<MismatchResult>(MismatchResultFormatter.HtmlWithCharts, MismatchResultFormatter.Text);
        Register<TransferResult>(TransferResultFormatter.HtmlWithCharts, TransferResultFormatter.Text);
        Register<MultiTaskResult>(MultiTaskResultFormatter.HtmlWithCharts, MultiTaskResultFormatter.Text);
        Register<TrainingSession>(TrainingSessionFormatter.Html, TrainingSessionFormatter.Text);
        Register<StepRecord>(StepRecordFormatter.Html, StepRecordFormatter.Text);
        Register<LayerRecord>(LayerRecordFormatter.Html, LayerRecordFormatter.Text);
        Register<RecordedTensor>(t => Html.Block(Html.Heading($"{t.Symbol} = {t.Formula}"), Html.Detail(t.Summary.ToString()), MatrixFormatter.Html(t.Value)), t => t.ToString());
        Register<ParameterUpdate>(u => Html.Detail(u.ToString()) + (u.Update is null ? "" : MatrixFormatter.Html(u.Update)), u => u.ToString());
        Register<SessionPause>(p => Html.Note(p.ToString(), p.Reason is PauseReason.Finished or PauseReason.EpochEnded or PauseReason.ConditionMet ? "ok" : "warn"), p => p.ToString());
    }

    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), "text/html");
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(T), "text/html", "text/plain");
    }
}
