using System.Globalization;
using NotebookDL.Training;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// Refuses work that would not fit before it starts, with an estimate, instead of freezing the machine a
/// class shares. The figures are rough on purpose: an order of magnitude is what a user needs to decide.
/// </summary>
public static class WorkGuard
{
    /// <summary>Most memory a command may plan to use.</summary>
    public const long MaxBytes = 2L << 30;

    /// <summary>Sustained multiply-adds per second assumed for the estimate (a conservative figure for 2 cores).</summary>
    public const double FlopsPerSecond = 2e9;

    /// <summary>Checks a training run's memory (weights, gradients, optimiser state, activations of a batch).</summary>
    public static void CheckTraining(MlpOptions architecture, TrainOptions training, int examples)
    {
        var widths = new List<long> { architecture.InputSize };
        widths.AddRange(architecture.Hidden.Select(h => (long)h));
        widths.Add(architecture.Classes);
        double weights = 0, units = 0;
        for (int i = 1; i < widths.Count; i++)
        {
            weights += (double)widths[i - 1] * widths[i] * (architecture.Activation == "maxout" ? architecture.MaxoutPieces : 1);
            units += widths[i];
        }
        double bytes = 8 * (4 * weights + 6 * units * Math.Min(training.BatchSize, Math.Max(examples, 1)));
        double seconds = 6 * weights * examples * training.Epochs / FlopsPerSecond;
        if (bytes > MaxBytes)
            throw new CommandException(string.Format(CultureInfo.InvariantCulture,
                "this network would need about {0} of memory ({1:N0} weights; the limit is {2}) and about {3} per run: use fewer or smaller hidden layers or a smaller --batch",
                Bytes(bytes), weights, Bytes(MaxBytes), Duration(seconds)));
    }

    public static string Bytes(double b) => b switch
    {
        >= 1L << 30 => (b / (1L << 30)).ToString("F1", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (b / (1L << 20)).ToString("F0", CultureInfo.InvariantCulture) + " MiB",
        _ => (b / 1024).ToString("F0", CultureInfo.InvariantCulture) + " KiB",
    };

    public static string Duration(double seconds) => seconds switch
    {
        >= 86_400 => (seconds / 86_400).ToString("F0", CultureInfo.InvariantCulture) + " days",
        >= 3600 => (seconds / 3600).ToString("F1", CultureInfo.InvariantCulture) + " hours",
        >= 60 => (seconds / 60).ToString("F0", CultureInfo.InvariantCulture) + " minutes",
        _ => seconds.ToString("F1", CultureInfo.InvariantCulture) + " s",
    };
}
