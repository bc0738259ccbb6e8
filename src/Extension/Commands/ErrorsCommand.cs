using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLErrors : MagicDirective;

/// <summary>
/// <c>#!errors --run run --categories pair:4-9,unsure</c>: the lecture's error analysis of a <c>#!train</c> run on
/// the current data's dev (val) set: the confusion matrix, a gallery (or table) of ~100 sampled misclassified
/// examples with true and predicted class and confidence, and, for each category, its share of the errors and
/// the ceiling fixing it can reach. The sample is kept as a C# variable to tag by hand or with predicates.
/// </summary>
public sealed class ErrorsCommand : MagicCommand<NotebookDLErrors>
{
    /// <summary>Most pictures (or rows) shown.</summary>
    public const int MaxShow = 100;

    private static readonly Option<string[]?> Run = SharedOptions.Run.With(help: "the C# variable holding a #!train result (trained on the current data)").Echoed();
    private static readonly Option<string> Part = Option.Choice("--part", "val (the dev set) or test", "val", "val", "test").Echoed();
    private static readonly Option<int> Sample = Option.Whole("--sample", "how many misclassified examples to sample (the lecture looks at ~100)", ErrorSample.DefaultSize, 1, 100_000).Echoed();

    private static readonly Option<CategoryRule[]?> Categories = Option.Custom<CategoryRule[]?>("--categories",
        "comma list of categories to count: unsure[:p] (confidence < p, 0.5), confident[:p] (≥ p, 0.9), pair:A-B (A and B confused either way), true:C, predicted:C",
        null, ReadCategories, r => r is null ? "" : string.Join(",", r.Select(x => x.Text))).Echoed(Echo.UnlessDefault);

    private static readonly Option<int> Shown = Option.Whole("--show", $"misclassified examples drawn in the gallery (at most {MaxShow})", ErrorSampleFormatter.MaxShown, 0, MaxShow).Echoed();
    private static readonly Option<int> Seed = TrainingOptionTable.Seed.With(help: "seed of the sample");
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the ErrorSample (tag it with .Tag or .Categorize)", "errors");

    public override string Name => "errors";
    public override string Summary => "error analysis of a #!train run: confusion matrix, a gallery of sampled dev errors, categories and the ceiling each can gain";

    public override IReadOnlyList<CommandOption> Options { get; } = [Run, Part, Sample, Categories, Shown, Seed, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!errors",
        "#!errors --run run --categories pair:4-9,pair:3-8,unsure",
        "#!errors adam --part test --sample 50 --as testErrors",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var runs = c.Get(Run)!;
        if (runs.Length != 1) throw new CommandException($"{Run.Name} names one run here (the error analysis of one network), got {runs.Length}: {string.Join(", ", runs)}");
        var (runName, run) = RunLookup.Runs(c, runs)[0];
        var part = c.Get(Part);
        int size = c.Get(Sample), seed = c.Get(Seed);
        var name = c.Get(As);

        var current = c.Session.Data;
        var (data, pictures) = part == "val" ? (current.Splits.Val, current.RawVal) : (current.Splits.Test, current.RawTest);
        if (data is null)
            throw new CommandException($"the current data ({current.Name}) has no {part} part: choose one with #!dataset {current.Name} --{part} N");
        if (data.Y.Classes is null) throw new CommandException("error analysis needs one class per example; the current data has multi-label targets");
        run.CheckTrainedOn(runName, current, data);
        var categories = CategoriesOf(c.Get(Categories) ?? [], data.ClassNames);

        var sample = ErrorSample.Draw(run.Network, data, size, seed, pictures);
        var report = categories.Length > 0 && sample.Errors.Count > 0 ? sample.Categorize(categories) : null;
        var stored = await c.StoreAsync(name, sample);

        var line = c.Values.Echo("#!errors", [Run, Part, Sample, Shown, Seed, Categories]);
        c.Show(Chart.From(ConfusionMatrixFormatter.Figure(sample.Confusion)));
        c.Show(Html.Block(
                ErrorSampleFormatter.Html(sample, c.Get(Shown)),
                report is null ? null : Html.Heading("error categories"),
                report is null ? null : ErrorCategoryReportFormatter.Html(report),
                categories.Length > 0 && report is null ? Html.Note("no misclassified example to put in categories") : null,
                Html.Detail($"{line} · run: {run.CommandLine} · data: {current.Name} ({data.Name}) · {stored}")),
            ErrorSampleFormatter.Text(sample) + (report is null ? "" : "\n" + report));
        if (report is not null) c.Show(Chart.From(ErrorCategoryReportFormatter.Figure(report)));
    }

    /// <summary>
    /// A category of <c>--categories</c> as typed: its kind (unsure, confident, pair, true, predicted), the
    /// confidence threshold of unsure and confident, the classes named by the others (found in the data later).
    /// </summary>
    internal sealed record CategoryRule(string Kind, double Threshold, string? Classes, string Text);

    /// <summary>The categories of <c>--categories</c>: unsure[:p], confident[:p], pair:A-B, true:C, predicted:C, checked but for their classes.</summary>
    internal static CategoryRule[] ReadCategories(string text)
    {
        var result = new List<CategoryRule>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = raw.IndexOf(':');
            var kind = (colon < 0 ? raw : raw[..colon]).ToLowerInvariant();
            var arg = colon < 0 ? null : raw[(colon + 1)..].Trim();
            result.Add(kind switch
            {
                "unsure" => new CategoryRule(kind, Threshold(arg, 0.5, raw), null, raw),
                "confident" => new CategoryRule(kind, Threshold(arg, 0.9, raw), null, raw),
                "pair" => new CategoryRule(kind, 0, arg ?? throw new CommandException($"--categories: '{raw}' needs two classes, e.g. pair:4-9"), raw),
                "true" => new CategoryRule(kind, 0, arg ?? throw new CommandException($"--categories: '{raw}' needs a class, e.g. true:8"), raw),
                "predicted" => new CategoryRule(kind, 0, arg ?? throw new CommandException($"--categories: '{raw}' needs a class, e.g. predicted:1"), raw),
                _ => throw new CommandException($"--categories: unknown category '{raw}'; use unsure[:p], confident[:p], pair:A-B, true:C or predicted:C (or tag errors by hand in C#: errors.Tag(...))"),
            });
        }
        if (result.Count == 0) throw new CommandException("--categories needs at least one category, e.g. pair:4-9");
        return [.. result];
    }

    /// <summary>The categories of <paramref name="rules"/>, their classes named or numbered among <paramref name="classes"/>.</summary>
    internal static (string Name, Func<MisclassifiedExample, bool> Test)[] CategoriesOf(IReadOnlyList<CategoryRule> rules, IReadOnlyList<string> classes)
    {
        var result = new List<(string Name, Func<MisclassifiedExample, bool> Test)>();
        foreach (var rule in rules)
        {
            switch (rule.Kind)
            {
                case "unsure":
                {
                    double p = rule.Threshold;
                    result.Add(($"unsure (p < {p.ToString("G3", CultureInfo.InvariantCulture)})", e => e.Confidence < p));
                    break;
                }
                case "confident":
                {
                    double p = rule.Threshold;
                    result.Add(($"confident (p ≥ {p.ToString("G3", CultureInfo.InvariantCulture)})", e => e.Confidence >= p));
                    break;
                }
                case "pair":
                {
                    var (a, b) = Pair(rule.Classes!, classes, rule.Text);
                    result.Add(($"{classes[a]} ↔ {classes[b]}", e => e.Confuses(a, b)));
                    break;
                }
                case "true":
                {
                    int k = Class(rule.Classes!, classes, rule.Text);
                    result.Add(($"true {classes[k]}", e => e.Actual == k));
                    break;
                }
                default: // predicted
                {
                    int k = Class(rule.Classes!, classes, rule.Text);
                    result.Add(($"predicted {classes[k]}", e => e.Predicted == k));
                    break;
                }
            }
        }
        var repeated = result.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new CommandException($"--categories names '{repeated.Key}' twice");
        return [.. result];
    }

    private static double Threshold(string? arg, double fallback, string raw)
    {
        if (arg is null) return fallback;
        if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p > 0 && p <= 1))
            throw new CommandException($"--categories: '{raw}' needs a confidence in (0, 1], got '{arg}'");
        return p;
    }

    private static (int A, int B) Pair(string arg, IReadOnlyList<string> classes, string raw)
    {
        for (int cut = arg.IndexOf('-'); cut > 0; cut = arg.IndexOf('-', cut + 1))
            if (TryClass(arg[..cut], classes) is int a && TryClass(arg[(cut + 1)..], classes) is int b)
                return a == b ? throw new CommandException($"--categories: '{raw}' names the same class twice") : (a, b);
        throw new CommandException($"--categories: '{raw}' needs two classes A-B among {string.Join(", ", classes)}");
    }

    private static int Class(string arg, IReadOnlyList<string> classes, string raw) =>
        TryClass(arg, classes) ?? throw new CommandException($"--categories: '{raw}': '{arg}' is not a class; the classes are {string.Join(", ", classes)}");

    private static int? TryClass(string text, IReadOnlyList<string> classes)
    {
        var t = text.Trim();
        for (int k = 0; k < classes.Count; k++)
            if (string.Equals(classes[k], t, StringComparison.OrdinalIgnoreCase)) return k;
        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < classes.Count ? i : null;
    }
}
