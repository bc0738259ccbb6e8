using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookDL.Training;

/// <summary>
/// Everything a training run recorded: the cost of every iteration, one <see cref="EpochSummary"/> per
/// completed epoch, why it stopped, and snapshots for ensembles. Plain data: <see cref="ToJson"/> and
/// <see cref="FromJson"/> round-trip it (NaN and infinite costs included) except for the snapshots'
/// tensors, which belong with the saved network (their epochs are kept in <see cref="SnapshotEpochs"/>).
/// </summary>
public sealed class TrainingHistory
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        TypeInfoResolver = EngineJson.Resolver,
    };

    /// <summary>The epochs the run was asked for.</summary>
    public int EpochsRequested { get; set; }

    /// <summary>C, the classes of a single-label task (chance accuracy is 1/C, the initial cost about ln C); null for multi-label targets.</summary>
    public int? Classes { get; set; }

    /// <summary>ceil(N / batch size): 10,000 examples at batch 200 give 50.</summary>
    public int IterationsPerEpoch { get; set; }

    /// <summary>Mini-batch cost (data loss + regularisation) per iteration, before that iteration's update.</summary>
    public List<double> Costs { get; set; } = [];

    /// <summary>One record per completed epoch.</summary>
    public List<EpochSummary> Epochs { get; set; } = [];

    /// <summary>The cost of the first iteration (NaN when none ran): the babysitting check's ln(C).</summary>
    public double InitialCost { get; set; } = double.NaN;

    public StopReason StopReason { get; set; } = StopReason.Completed;

    /// <summary>Why the run stopped, in the lecture's words (e.g. "cost is NaN: the learning rate is probably too high").</summary>
    public string StopMessage { get; set; } = "";

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Whether the best-validation parameters were restored at the end (<see cref="TrainOptions.KeepBest"/>).</summary>
    public bool RestoredBest { get; set; }

    /// <summary>Snapshots taken at cycle ends or every k epochs (not serialised: see <see cref="SnapshotEpochs"/>).</summary>
    [JsonIgnore]
    public List<TrainingSnapshot> Snapshots { get; set; } = [];

    /// <summary>The epochs of the snapshots taken (kept when the history is serialised).</summary>
    public List<double> SnapshotEpochs { get; set; } = [];

    /// <summary>Iterations run.</summary>
    public int Iterations => Costs.Count;

    /// <summary>The best validation accuracy of any completed epoch, or null without validation data.</summary>
    public double? BestValAccuracy => Best?.ValAccuracy;

    /// <summary>The (first) epoch with <see cref="BestValAccuracy"/>, or null.</summary>
    public int? BestEpoch => Best?.Epoch;

    private EpochSummary? Best
    {
        get
        {
            EpochSummary? best = null;
            foreach (var e in Epochs)
                if (e.ValAccuracy is double v && (best is null || v > best.ValAccuracy!.Value)) best = e;
            return best;
        }
    }

    /// <summary>The lecture's log: one line per epoch, then why the run stopped.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine($"{IterationsPerEpoch} iterations per epoch; initial cost {InitialCost.ToString("F4", c)}");
        foreach (var e in Epochs) sb.AppendLine(e.Format(EpochsRequested));
        if (BestEpoch is int best)
            sb.AppendLine($"best val acc {BestValAccuracy!.Value.ToString("F3", c)} at epoch {best}" + (RestoredBest ? " (restored)" : ""));
        sb.Append($"{StopMessage} ({Iterations} iterations, {Elapsed.TotalSeconds.ToString("F1", c)} s)");
        return sb.ToString();
    }

    /// <summary>The history as JSON (snapshot tensors left out).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A history read back from <see cref="ToJson"/>.</summary>
    public static TrainingHistory FromJson(string json) =>
        JsonSerializer.Deserialize<TrainingHistory>(json, Json) ?? throw new ArgumentException("the JSON holds no training history");
}
