using System.Globalization;
using System.Text;

namespace NotebookDL.Ensembles;

/// <summary>How an ensemble does against its members on one data set.</summary>
/// <param name="Names">The members' names.</param>
/// <param name="MemberAccuracies">Each member's accuracy on its own.</param>
/// <param name="AccuracyByMembers">The accuracy of the average of the first k members, k = 1..M (the last is the ensemble's).</param>
public sealed record EnsembleReport(IReadOnlyList<string> Names, double[] MemberAccuracies, double[] AccuracyByMembers)
{
    /// <summary>The ensemble's accuracy (all members averaged).</summary>
    public double EnsembleAccuracy => AccuracyByMembers[^1];

    /// <summary>The best single member's accuracy.</summary>
    public double BestSingle => MemberAccuracies.Max();

    /// <summary>The index of the best single member (the first, on ties).</summary>
    public int BestMember => Array.IndexOf(MemberAccuracies, BestSingle);

    /// <summary>The ensemble's accuracy minus the best single member's: what averaging bought (the lecture: ~2%).</summary>
    public double Gain => EnsembleAccuracy - BestSingle;

    /// <summary>The members' mean accuracy: what one model trained this way scores on average.</summary>
    public double MeanSingle => MemberAccuracies.Average();

    /// <summary>
    /// The ensemble's accuracy minus the members' mean. Picking the best member on the same validation data is an
    /// optimistic comparison (the maximum of several noisy scores); this one is not.
    /// </summary>
    public double GainOverMean => EnsembleAccuracy - MeanSingle;

    /// <summary>"ensemble of 5: accuracy 0.9533 vs best single model 0.9400 (model 2): gain +0.0133; vs the average model 0.9300: +0.0233".</summary>
    public string Summary() => string.Format(CultureInfo.InvariantCulture,
        "ensemble of {0}: accuracy {1:F4} vs best single model {2:F4} ({3}): gain {4:+0.0000;-0.0000;0.0000}; vs the average model {5:F4}: {6:+0.0000;-0.0000;0.0000}",
        Names.Count, EnsembleAccuracy, BestSingle, Names[BestMember], Gain, MeanSingle, GainOverMean);

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Names.Count; i++)
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1:F4} alone, {2:F4} averaged with the ones before", Names[i], MemberAccuracies[i], AccuracyByMembers[i]));
        return sb.Append(Summary()).ToString();
    }
}
