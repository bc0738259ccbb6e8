namespace NotebookDL.Search;

/// <summary>
/// The seed of each trial, derived from the search's seed, its stage and the trial's index, never from the
/// order in which workers happen to pick trials: so a search gives the same results on 1 worker or 8.
/// </summary>
public static class TrialSeed
{
    /// <summary>
    /// A non-negative seed for trial <paramref name="index"/> of stage <paramref name="stage"/> of the search
    /// seeded <paramref name="searchSeed"/> (SplitMix64 of the three, so neighbouring indices give unrelated seeds).
    /// </summary>
    public static int For(int searchSeed, int stage, int index)
    {
        ulong z = Mix((ulong)(uint)searchSeed) ^ Mix(0x9E3779B97F4A7C15UL * (ulong)(uint)stage + 1) ^ Mix(0xBF58476D1CE4E5B9UL * (ulong)(uint)index + 2);
        return (int)(Mix(z) & 0x7FFFFFFF);
    }

    /// <summary>The seed of the stream a stage samples its configurations from.</summary>
    public static int Sampling(int searchSeed, int stage) => For(searchSeed, stage, -1);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
