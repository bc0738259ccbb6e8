using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookDL.Training;

/// <summary>
/// When to pause a <see cref="TrainingSession"/> that is continued: a quantity, a comparison and a number,
/// written as a learner types it: <c>cost &lt; 1.5</c>, <c>val acc &gt;= 0.9</c>, <c>epoch &gt;= 3</c>. The cost is the
/// last mini-batch's; the accuracies are measured at the end of each epoch (unknown before the first); epoch
/// counts completed epochs and iteration completed mini-batches.
/// </summary>
public sealed partial record StopCondition
{
    /// <summary>The quantities a condition can test, by their canonical names.</summary>
    public static IReadOnlyList<string> Quantities { get; } = ["cost", "val acc", "train acc", "epoch", "iteration"];

    /// <summary>The comparisons a condition can use.</summary>
    public static IReadOnlyList<string> Comparisons { get; } = ["<", "<=", ">", ">="];

    private StopCondition(string quantity, string comparison, double value) => (Quantity, Comparison, Value) = (quantity, comparison, value);

    /// <summary>One of <see cref="Quantities"/>.</summary>
    public string Quantity { get; }

    /// <summary>One of <see cref="Comparisons"/>.</summary>
    public string Comparison { get; }

    /// <summary>The threshold.</summary>
    public double Value { get; }

    /// <summary>
    /// Reads "cost &lt; 1.5" (spaces optional; "loss" for cost, "val accuracy"/"val_acc" for val acc, "epochs",
    /// "iterations" also read). Throws <see cref="ArgumentException"/> saying what it expected for anything else.
    /// </summary>
    public static StopCondition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            var comparison = BadComparison().Match(text);
            throw new ArgumentException(comparison.Success
                ? $"the condition '{text.Trim()}' compares with '{comparison.Value.Trim()}': use one of {string.Join(", ", Comparisons)}"
                : $"cannot read the condition '{text.Trim()}': write a quantity, a comparison and a number, e.g. \"cost < 1.5\" or \"val acc >= 0.9\"; " +
                  $"quantities: {string.Join(", ", Quantities)}; comparisons: {string.Join(", ", Comparisons)}");
        }
        var word = Regex.Replace(m.Groups["q"].Value.ToLowerInvariant(), @"[\s_\-]+", " ");
        string quantity = word switch
        {
            "cost" or "loss" => "cost",
            "epoch" or "epochs" => "epoch",
            "iteration" or "iterations" => "iteration",
            _ when word.StartsWith("val", StringComparison.Ordinal) => "val acc",
            _ => "train acc",
        };
        if (!double.TryParse(m.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new ArgumentException($"the condition '{text.Trim()}' needs a finite number after '{m.Groups["c"].Value}', got '{m.Groups["v"].Value}'");
        var condition = new StopCondition(quantity, m.Groups["c"].Value, value);
        if (condition.NeverHolds)
            throw new ArgumentException($"the condition '{text.Trim()}' can never hold: {quantity} {(quantity.EndsWith("acc", StringComparison.Ordinal) ? "is between 0 and 1" : "is never negative")}, so the run would go on to its end");
        return condition;
    }

    /// <summary>
    /// Whether no value the quantity can take meets the condition: accuracies lie in [0, 1]; the cost (cross-entropy
    /// plus a penalty), epochs and iterations are never negative.
    /// </summary>
    private bool NeverHolds
    {
        get
        {
            double min = 0, max = Quantity.EndsWith("acc", StringComparison.Ordinal) ? 1 : double.PositiveInfinity;
            return Comparison switch
            {
                ">" => Value >= max,
                ">=" => Value > max,
                "<" => Value <= min,
                _ => Value < min,
            };
        }
    }

    /// <summary>The quantity's current value in <paramref name="session"/>, or null while it is unknown (no epoch ended yet).</summary>
    public double? Measure(TrainingSession session) => Quantity switch
    {
        "cost" => session.History.Costs.Count > 0 ? session.History.Costs[^1] : null,
        "val acc" => session.History.Epochs.Count > 0 ? session.History.Epochs[^1].ValAccuracy : null,
        "train acc" => session.History.Epochs.Count > 0 ? session.History.Epochs[^1].TrainAccuracy : null,
        "epoch" => session.History.Epochs.Count,
        _ => session.Iteration,
    };

    /// <summary>Whether the condition holds now (false while the quantity is unknown).</summary>
    public bool IsMet(TrainingSession session) => Measure(session) is double v && Comparison switch
    {
        "<" => v < Value,
        "<=" => v <= Value,
        ">" => v > Value,
        _ => v >= Value,
    };

    /// <summary>Throws when the session can never measure the quantity (accuracy without a validation set or class labels).</summary>
    public void CheckMeasurable(TrainingSession session)
    {
        if (Quantity == "val acc" && session.Val?.Y.Classes is null)
            throw new ArgumentException($"'{this}' needs a validation set with class labels, and this session has none");
        if (Quantity == "train acc" && session.Train.Y.Classes is null)
            throw new ArgumentException($"'{this}' needs class labels, and this session's training data has none");
    }

    public override string ToString() => $"{Quantity} {Comparison} {Value.ToString("G", CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"^\s*(?<q>cost|loss|val(?:idation)?[\s_\-]*acc(?:uracy)?|train(?:ing)?[\s_\-]*acc(?:uracy)?|epochs?|iterations?)\s*(?<c><=|>=|<|>)\s*(?<v>[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(=<|=>|==|!=|≤|≥|=)")]
    private static partial Regex BadComparison();
}
