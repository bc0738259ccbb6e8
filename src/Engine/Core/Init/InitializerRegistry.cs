namespace NotebookDL.Init;

/// <summary>
/// The weight initialisations the engine knows by name, one line each: what <see cref="Initializer.Parse"/> and
/// the magic commands' <c>--init</c> read (besides "gaussian:0.05" and a bare scale, which any number gives).
/// Add one with <see cref="Register"/>.
/// </summary>
public static class InitializerRegistry
{
    private static readonly Registry<InitializerEntry> s_entries = new("init",
    [
        new("zeros", "W = 0", Initializer.Zeros) { Aliases = ["zero"] },
        new("small", "0.01·randn", Initializer.Small),
        new("large", "1.0·randn", Initializer.Large),
        new("xavier", "uniform ±√(6/(fan_in+fan_out))", Initializer.XavierUniform) { Aliases = ["glorot", "xavier-uniform"] },
        new("xavier-normal", "randn/√fan_in", Initializer.XavierNormal) { Aliases = ["glorot-normal"] },
        new("he", "randn·√(2/fan_in), for ReLU", Initializer.He) { Aliases = ["kaiming"] },
    ]);

    /// <summary>Every initialisation, built-in ones first.</summary>
    public static IReadOnlyList<InitializerEntry> Entries => s_entries.Entries;

    /// <summary>Their names, in order.</summary>
    public static IReadOnlyList<string> Names => s_entries.Names;

    /// <summary>The names with their descriptions, as help lists them: "zeros (W = 0), small (0.01·randn), ...".</summary>
    public static string Described => string.Join(", ", Entries.Select(e => $"{e.Name} ({e.Description})"));

    /// <summary>The initialisation named or aliased <paramref name="name"/> (any case), or null.</summary>
    public static InitializerEntry? Find(string? name) => s_entries.Find(name);

    /// <summary>Adds <paramref name="entry"/>, or replaces one registered earlier under its name; built-in ones cannot be replaced.</summary>
    public static void Register(InitializerEntry entry) => s_entries.Register(entry);
}
