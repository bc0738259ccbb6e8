namespace NotebookDL.Schedules;

/// <summary>
/// The learning rate as a function of training time, measured in (fractional) epochs:
/// epoch = iteration / iterations per epoch, so iteration 25 of 50 per epoch is epoch 0.5.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>lr0, the rate at epoch 0.</summary>
    double InitialRate { get; }

    /// <summary>The rate at <paramref name="epoch"/> (&gt;= 0).</summary>
    double Rate(double epoch);

    /// <summary>
    /// The epochs (&gt; 0, &lt;= <paramref name="untilEpoch"/>) at which the schedule restarts: the end of one
    /// cycle, where a snapshot ensemble takes a model. Empty for schedules without restarts.
    /// </summary>
    IReadOnlyList<double> Restarts(double untilEpoch) => [];
}
