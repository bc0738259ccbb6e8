namespace NotebookDL.Search;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>All its epochs ran.</summary>
    Completed,

    /// <summary>Its cost became NaN/inf or exceeded 3x the initial cost: stopped early (the lecture's rule).</summary>
    Diverged,

    /// <summary>The search was cancelled or ran out of time while the trial ran; it is not ranked.</summary>
    Stopped,

    /// <summary>The configuration was rejected (e.g. a setting the optimiser does not take); see the message.</summary>
    Failed,
}
