using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Optimizers;

namespace NotebookDL.Extension.Session;

/// <summary>
/// The learner's code the notebook knows about: the last check of each exercise (for the exercise list), and
/// the passing implementations plugged in with <c>#!use</c> or <c>Exercise.Use</c>, which the training commands
/// build their networks and optimisers with. One per notebook (<see cref="NotebookSession.Learner"/>).
/// </summary>
public sealed class LearnerCode
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ExerciseResult> LastChecks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Replacement> Replacements = new(StringComparer.Ordinal);

    /// <summary>Keeps a check's result as the exercise's latest.</summary>
    public void Record(ExerciseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate) LastChecks[result.Exercise.Name] = result;
    }

    /// <summary>The latest check of each exercise checked in this notebook, by exercise name.</summary>
    public IReadOnlyDictionary<string, ExerciseResult> Checks
    {
        get { lock (_gate) return new Dictionary<string, ExerciseResult>(LastChecks); }
    }

    /// <summary>Plugs a replacement in (replacing an earlier one for the same layer kind or optimiser).</summary>
    public void Use(Replacement replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_gate) Replacements[replacement.Target] = replacement;
    }

    /// <summary>The replacements in use, layers first.</summary>
    public IReadOnlyList<Replacement> InUse
    {
        get { lock (_gate) return Replacements.Values.OrderBy(r => r.IsLayer ? 0 : 1).ThenBy(r => r.Target, StringComparer.Ordinal).ToList(); }
    }

    /// <summary>Goes back to the engine's own code for <paramref name="target"/> (a layer kind or optimiser name), or for everything when null; returns what was unplugged.</summary>
    public IReadOnlyList<Replacement> StopUsing(string? target = null)
    {
        lock (_gate)
        {
            var removed = Replacements.Values.Where(r => target is null || r.Target == target).ToList();
            foreach (var r in removed) Replacements.Remove(r.Target);
            return removed;
        }
    }

    /// <summary>The layer replacements, for <see cref="Training.MlpOptions.LayerOverrides"/>.</summary>
    public IReadOnlyDictionary<string, Func<ILayer, ILayer>> LayerOverrides
    {
        get { lock (_gate) return Replacements.Values.Where(r => r.IsLayer).ToDictionary(r => r.Target, r => r.Layer!, StringComparer.Ordinal); }
    }

    /// <summary>The learner's optimiser for <paramref name="optimizer"/> ("adam", ...), or null when the engine's is in use.</summary>
    public Func<IOptimizer>? OptimizerFactory(string optimizer, OptimizerOptions? options)
    {
        Replacement? r;
        lock (_gate) Replacements.TryGetValue(optimizer, out r);
        return r?.Optimizer is { } make ? () => make(options) : null;
    }

    /// <summary>"your code: MyBatchNorm for BatchNorm layers, adamStep as adam", or null when none is plugged in.</summary>
    public string? Describe()
    {
        var inUse = InUse;
        return inUse.Count == 0
            ? null
            : "your code: " + string.Join(", ", inUse.Select(r => r.IsLayer ? $"{r.Implementation} for {r.Target} layers" : $"{r.Implementation} as {r.Target}"));
    }

    /// <summary>Forgets every check and replacement (a fresh kernel).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            LastChecks.Clear();
            Replacements.Clear();
        }
    }
}
