namespace NotebookDL.Losses;

/// <summary>Input checks the class losses share.</summary>
internal static class LossChecks
{
    public static void Classes(int[] y, int n, int c, string who)
    {
        if (y.Length != n) throw new ArgumentException($"{who}: {n} rows of scores but {y.Length} labels");
        if (n == 0) throw new ArgumentException($"{who}: the batch is empty");
        for (int i = 0; i < n; i++)
            if ((uint)y[i] >= (uint)c)
                throw new ArgumentException($"{who}: label {y[i]} of example {i} is outside 0..{c - 1}");
    }
}
