using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>An exercise whose implementations are delegates of type <typeparamref name="TImpl"/>.</summary>
internal abstract class Exercise<TImpl> : ExerciseDefinition where TImpl : Delegate
{
    public sealed override Type ImplementationType => typeof(TImpl);

    public sealed override Delegate Reference => ReferenceImplementation;

    /// <summary>The engine's own implementation.</summary>
    protected abstract TImpl ReferenceImplementation { get; }

    internal sealed override void AddCases(CaseBook book, Delegate implementation, Rng rng) => AddCases(book, (TImpl)implementation, rng);

    internal sealed override Replacement? CreateReplacement(Delegate implementation, string description) => Replace((TImpl)implementation, description);

    /// <summary>Adds the cases; every call of <paramref name="impl"/> happens inside a case.</summary>
    protected abstract void AddCases(CaseBook book, TImpl impl, Rng rng);

    /// <summary>What replaces the engine's code (pluggable exercises override it).</summary>
    protected virtual Replacement? Replace(TImpl impl, string description) => null;
}
