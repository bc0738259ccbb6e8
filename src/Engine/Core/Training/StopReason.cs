namespace NotebookDL.Training;

/// <summary>Why a training run ended; <see cref="TrainingHistory.StopMessage"/> says it in words.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>
    /// The cost or a gradient became NaN or infinite: the learning rate is probably too high. Gradients are
    /// checked too because ReLU maps NaN to 0, so NaN weights can hide behind a finite cost.
    /// </summary>
    NotFinite,

    /// <summary>The cost exceeded StopFactor × the initial cost (the lecture's early stop of a bad trial).</summary>
    CostExploded,

    /// <summary>The cancellation token was cancelled.</summary>
    Cancelled,

    /// <summary>The time budget (MaxDuration) passed.</summary>
    TimeBudget,
}
