using System.Text.Json;
using System.Text.Json.Serialization;
using NotebookDL.Init;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Training;

namespace NotebookDL.Search;

/// <summary>
/// One trial of a search written down for another process: the network and training options it runs with, its
/// request (index, seed, epochs) and the content hashes of its training and validation data. A worker that reads
/// it back builds exactly the options the notebook would have trained with, so the trial's result is the same,
/// bit for bit. Options that are code rather than data (a learner's plugged layer or optimiser, a schedule) cannot
/// travel: <see cref="Of"/> refuses them.
/// </summary>
public sealed record TrialSpec
{
    /// <summary>The engine version that wrote the spec; a worker of another version refuses it.</summary>
    public required string EngineVersion { get; init; }
    public required int Index { get; init; }
    public required int Seed { get; init; }
    public int? Epochs { get; init; }
    public required string TrainData { get; init; }
    public required string ValData { get; init; }
    public required NetworkPart Network { get; init; }
    public required TrainingPart Training { get; init; }

    /// <summary>The engine's own version (its assembly's informational version without the commit).</summary>
    public static string CurrentEngineVersion { get; } =
        typeof(TrialSpec).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "?";

    /// <summary>The spec of a trial that trains <paramref name="architecture"/> with <paramref name="training"/>.</summary>
    /// <exception cref="ArgumentException">An option is code (a plugged layer or optimiser, a schedule, an initialiser of one's own).</exception>
    public static TrialSpec Of(TrialRequest request, MlpOptions architecture, TrainOptions training, string trainData, string valData)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(training);
        if (architecture.LayerOverrides.Count > 0)
            throw new ArgumentException($"a plugged-in layer ({string.Join(", ", architecture.LayerOverrides.Keys)}) is code in this notebook and cannot run on a worker: #!use --off first");
        if (training.OptimizerFactory is not null)
            throw new ArgumentException("a plugged-in optimiser is code in this notebook and cannot run on a worker: #!use --off first");
        if (training.Schedule is not null)
            throw new ArgumentException($"a learning-rate schedule ({training.Schedule}) cannot be sent to a worker yet: search with a constant rate");
        var init = architecture.Init.ParseName
                   ?? throw new ArgumentException($"the initialiser {architecture.Init} has no name a worker can read");
        return new TrialSpec
        {
            EngineVersion = CurrentEngineVersion,
            Index = request.Index,
            Seed = request.Seed,
            Epochs = request.Epochs,
            TrainData = trainData,
            ValData = valData,
            Network = new NetworkPart(architecture.InputSize, architecture.Classes, [.. architecture.Hidden], architecture.Activation, init,
                architecture.BatchNorm, architecture.BatchNormMomentum, architecture.BatchNormEps, architecture.Dropout, architecture.MaxoutPieces,
                architecture.EluAlpha, architecture.LeakySlope, architecture.Loss, architecture.Regularizer.Kind, architecture.Regularizer.Lambda,
                architecture.Regularizer.L1Ratio, architecture.Seed),
            Training = new TrainingPart(training.Epochs, training.BatchSize, training.LearningRate, training.Optimizer, training.OptimizerOptions,
                training.Seed, training.StopFactor, training.TrainAccuracySamples, training.MaxDuration?.TotalSeconds, training.KeepBest, training.Dtype),
        };
    }

    /// <summary>The network options, as the notebook had them.</summary>
    public MlpOptions Architecture() => new()
    {
        InputSize = Network.InputSize,
        Classes = Network.Classes,
        Hidden = Network.Hidden,
        Activation = Network.Activation,
        Init = Initializer.Parse(Network.Init),
        BatchNorm = Network.BatchNorm,
        BatchNormMomentum = Network.BatchNormMomentum,
        BatchNormEps = Network.BatchNormEps,
        Dropout = Network.Dropout,
        MaxoutPieces = Network.MaxoutPieces,
        EluAlpha = Network.EluAlpha,
        LeakySlope = Network.LeakySlope,
        Loss = Network.Loss,
        Regularizer = new Regularizer(Network.RegKind, Network.RegLambda, Network.RegL1Ratio),
        Seed = Network.Seed,
    };

    /// <summary>The training options, as the notebook had them.</summary>
    public TrainOptions TrainingOptions() => new()
    {
        Epochs = Training.Epochs,
        BatchSize = Training.BatchSize,
        LearningRate = Training.LearningRate,
        Optimizer = Training.Optimizer,
        OptimizerOptions = Training.OptimizerOptions,
        Seed = Training.Seed,
        StopFactor = Training.StopFactor,
        TrainAccuracySamples = Training.TrainAccuracySamples,
        MaxDuration = Training.MaxSeconds is double s ? TimeSpan.FromSeconds(s) : null,
        KeepBest = Training.KeepBest,
        Dtype = Training.Dtype,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrialSpec FromJson(string json) =>
        JsonSerializer.Deserialize<TrialSpec>(json, Json) ?? throw new InvalidDataException("an empty trial spec");

    private static readonly JsonSerializerOptions Json = new()
    {
        // Doubles go out as the shortest text that reads back to the same bits ("R"); NaN cannot occur in options.
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = EngineJson.Resolver,
    };

    public sealed record NetworkPart(int InputSize, int Classes, int[] Hidden, string Activation, string Init, bool BatchNorm, double BatchNormMomentum,
        double BatchNormEps, double Dropout, int MaxoutPieces, double EluAlpha, double LeakySlope, string Loss, RegularizationKind RegKind,
        double RegLambda, double RegL1Ratio, int Seed);

    public sealed record TrainingPart(int Epochs, int BatchSize, double LearningRate, string Optimizer, OptimizerOptions? OptimizerOptions, int Seed,
        double? StopFactor, int? TrainAccuracySamples, double? MaxSeconds, bool KeepBest, Dtype Dtype = Dtype.Float64);
}
