namespace NotebookDL.Training;

/// <summary>Why <see cref="TrainingSession.Continue(StopCondition?, TimeSpan?, CancellationToken)"/> or <see cref="TrainingSession.StepEpoch"/> returned.</summary>
public enum PauseReason
{
    /// <summary>The epoch ended (<see cref="TrainingSession.StepEpoch"/>).</summary>
    EpochEnded,

    /// <summary>The condition came true.</summary>
    ConditionMet,

    /// <summary>The condition already held: nothing ran.</summary>
    AlreadyMet,

    /// <summary>The run ended: all epochs done, or it diverged (see <see cref="TrainingHistory.StopReason"/>).</summary>
    Finished,

    /// <summary>The time budget of this call ran out (the session can go on).</summary>
    TimeBudget,

    /// <summary>The call was cancelled (the session can go on).</summary>
    Cancelled,
}

/// <summary>What a run of several mini-batches of a session did and why it paused.</summary>
/// <param name="Reason">Why it returned.</param>
/// <param name="Message">The same in words, e.g. "cost &lt; 1.5 at iteration 37 (cost 1.48)".</param>
/// <param name="Iterations">Mini-batches completed by this call.</param>
/// <param name="Elapsed">Wall-clock time of this call.</param>
public sealed record SessionPause(PauseReason Reason, string Message, int Iterations, TimeSpan Elapsed)
{
    public override string ToString() => $"{Message} ({Iterations} iterations, {Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s)";
}
