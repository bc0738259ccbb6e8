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

    public override string Name => "errors";
    public override string Summary => "error analysis of a #!train run: confusion matrix, a gallery of sampled dev errors, categories and the ceiling each can gain";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--run", "the C# variable holding a #!train result (trained on the current data)", "run", Implicit: true),
        new OptionSpec("--part", "val (the dev set) or test", "val"),
        new OptionSpec("--sample", "how many misclassified examples to sample (the lecture looks at ~100)", "100"),
        new OptionSpec("--categories", "comma list of categories to count: unsure[:p] (confidence < p, 0.5), confident[:p] (≥ p, 0.9), pair:A-B (A and B confused either way), true:C, predicted:C"),
        new OptionSpec("--show", $"misclassified examples drawn in the gallery (at most {MaxShow})", "60"),
        new OptionSpec("--seed", "seed of the sample", "0"),
        new OptionSpec("--as", "name of the C# variable that keeps the ErrorSample (tag it with .Tag or .Categorize)", "errors"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!errors",
        "#!errors --run run --categories pair:4-9,pair:3-8,unsure",
        "#!errors adam --part test --sample 50 --as testErrors",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var o = c.Options;
        var runName = o.Text("--run") ?? "run";
        var part = o.Choice("--part", "val", "val", "test");
        int size = o.Int("--sample", ErrorSample.DefaultSize, 1, 100_000);
        int show = o.Int("--show", ErrorSampleFormatter.MaxShown, 0, MaxShow);
        int seed = o.Int("--seed", 0);
        var name = o.VariableName("errors");
        var rules = o.Text("--categories");

        var run = RunLookup.Runs(c, [runName])[0].Run;
        var current = c.Session.Data;
        var (data, pictures) = part == "val" ? (current.Splits.Val, current.RawVal) : (current.Splits.Test, current.RawTest);
        if (data is null)
            throw new CommandException($"the current data ({current.Name}) has no {part} part: choose one with #!dataset {current.Name} --{part} N");
        if (data.Y.Classes is null) throw new CommandException("error analysis needs one class per example; the current data has multi-label targets");
        if (data.Features != run.Network.InputSize)
            throw new CommandException($"run '{runName}' takes {run.Network.InputSize} features but the current data ({current.Name}) has {data.Features}: train it again on this data with #!train --as {runName}");
        var categories = rules is null ? [] : ParseCategories(rules, data.ClassNames);

        var sample = ErrorSample.Draw(run.Network, data, size, seed, pictures);
        var report = categories.Length > 0 && sample.Errors.Count > 0 ? sample.Categorize(categories) : null;
        var stored = await c.StoreAsync(name, sample);

        var line = string.Create(CultureInfo.InvariantCulture,
            $"#!errors --run {runName} --part {part} --sample {size} --show {show} --seed {seed}") + (rules is null ? "" : $" --categories {rules}");
        c.Show(Chart.From(ConfusionMatrixFormatter.Figure(sample.Confusion)));
        c.Show(Html.Block(
                ErrorSampleFormatter.Html(sample, show),
                report is null ? null : Html.Heading("error categories"),
                report is null ? null : ErrorCategoryReportFormatter.Html(report),
                categories.Length > 0 && report is null ? Html.Note("no misclassified example to put in categories") : null,
                Html.Detail($"{line} · run: {run.CommandLine} · data: {current.Name} ({data.Name}) · {stored}")),
            ErrorSampleFormatter.Text(sample) + (report is null ? "" : "\n" + report));
        if (report is not null) c.Show(Chart.From(ErrorCategoryReportFormatter.Figure(report)));
    }

    /// <summary>
    /// The categories of <c>--categories</c>: unsure[:p], confident[:p], pair:A-B, true:C, predicted:C, where a
    /// class is named or numbered.
    /// </summary>
    internal static (string Name, Func<MisclassifiedExample, bool> Test)[] ParseCategories(string text, IReadOnlyList<string> classes)
    {
        var result = new List<(string, Func<MisclassifiedExample, bool>)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = raw.IndexOf(':');
            var kind = (colon < 0 ? raw : raw[..colon]).ToLowerInvariant();
            var arg = colon < 0 ? null : raw[(colon + 1)..].Trim();
            switch (kind)
            {
                case "unsure":
                {
                    double p = Threshold(arg, 0.5, raw);
                    result.Add(($"unsure (p < {p.ToString("G3", CultureInfo.InvariantCulture)})", e => e.Confidence < p));
                    break;
                }
                case "confident":
                {
                    double p = Threshold(arg, 0.9, raw);
                    result.Add(($"confident (p ≥ {p.ToString("G3", CultureInfo.InvariantCulture)})", e => e.Confidence >= p));
                    break;
                }
                case "pair":
                {
                    var (a, b) = Pair(arg ?? throw new CommandException($"--categories: '{raw}' needs two classes, e.g. pair:4-9"), classes, raw);
                    result.Add(($"{classes[a]} ↔ {classes[b]}", e => e.Confuses(a, b)));
                    break;
                }
                case "true":
                {
                    int k = Class(arg ?? throw new CommandException($"--categories: '{raw}' needs a class, e.g. true:8"), classes, raw);
                    result.Add(($"true {classes[k]}", e => e.Actual == k));
                    break;
                }
                case "predicted":
                {
                    int k = Class(arg ?? throw new CommandException($"--categories: '{raw}' needs a class, e.g. predicted:1"), classes, raw);
                    result.Add(($"predicted {classes[k]}", e => e.Predicted == k));
                    break;
                }
                default:
                    throw new CommandException($"--categories: unknown category '{raw}'; use unsure[:p], confident[:p], pair:A-B, true:C or predicted:C (or tag errors by hand in C#: errors.Tag(...))");
            }
        }
        if (result.Count == 0) throw new CommandException("--categories needs at least one category, e.g. pair:4-9");
        var repeated = result.GroupBy(r => r.Item1).FirstOrDefault(g => g.Count() > 1);
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
