using NotebookDL.Extension.Commands;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Extension.Session;

/// <summary>
/// What <c>#!search</c> leaves in a C# variable: the engine's result (every trial, the best, warnings,
/// importance; <c>.Result.SaveCsv(path)</c>), the best trial's settings and the <c>#!train</c> line that
/// reproduces it, the best network, and the line and data that produced the search.
/// </summary>
/// <param name="Result">The search's trials and analysis.</param>
/// <param name="BestSettings">The best trial's settings (its seed and epochs included), or null when no trial ranked.</param>
/// <param name="CommandLine">The <c>#!search</c> line with every effective option.</param>
/// <param name="Data">The data it searched on.</param>
public sealed record SearchRun(SearchResult Result, TrainSettings? BestSettings, string CommandLine, string Data)
{
    /// <summary>The <c>#!train</c> line that trains the best trial's model again, bit for bit.</summary>
    public string? BestTrainLine => BestSettings?.CommandLine();

    /// <summary>The best trial's network (kept by the search).</summary>
    public Network? BestNetwork => Result.BestNetwork;

    /// <summary>Writes every trial to a CSV file (<c>SearchResult.LoadCsv(path)</c> reads it back).</summary>
    public void SaveCsv(string path) => Result.SaveCsv(path);

    public override string ToString() => $"{CommandLine}\n{Result}" + (BestTrainLine is null ? "" : $"\nbest: {BestTrainLine}");
}
