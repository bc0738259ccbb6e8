namespace NotebookDL.Analysis;

/// <summary>
/// One dev example the classifier got wrong, as error analysis looks at it: which example, its true and
/// predicted class, how confident the classifier was, and its features (and its picture, when the data
/// keeps the examples before preprocessing) for a predicate to inspect.
/// </summary>
/// <param name="Index">Row of the example in the data set examined.</param>
/// <param name="Actual">Its true class.</param>
/// <param name="Predicted">The class the classifier chose.</param>
/// <param name="Confidence">The softmax probability of the predicted class, in (0, 1].</param>
/// <param name="ActualProbability">The probability the classifier gave the true class.</param>
/// <param name="ClassNames">The data's class names, index = class.</param>
/// <param name="Features">The example's row as the classifier saw it (D), preprocessed.</param>
/// <param name="Picture">The example's row before preprocessing (D), or null when not kept.</param>
public sealed record MisclassifiedExample(
    int Index, int Actual, int Predicted, double Confidence, double ActualProbability,
    IReadOnlyList<string> ClassNames, double[] Features, double[]? Picture = null)
{
    /// <summary>The true class's name.</summary>
    public string ActualName => ClassNames[Actual];

    /// <summary>The predicted class's name.</summary>
    public string PredictedName => ClassNames[Predicted];

    /// <summary>True when the error is between the classes <paramref name="a"/> and <paramref name="b"/>, either way round.</summary>
    public bool Confuses(int a, int b) => (Actual == a && Predicted == b) || (Actual == b && Predicted == a);

    /// <summary>True when the error is between the classes named <paramref name="a"/> and <paramref name="b"/>, either way round.</summary>
    public bool Confuses(string a, string b) => (ActualName == a && PredictedName == b) || (ActualName == b && PredictedName == a);

    /// <summary>"#12: true 4, predicted 9 (p = 0.83)".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{Index}: true {ActualName}, predicted {PredictedName} (p = {Confidence:F2})");
}
