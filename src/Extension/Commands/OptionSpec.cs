using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// An option read by hand with <see cref="OptionReader"/> (a command not yet declaring its options with
/// <see cref="Option"/>): its name, what it does, its default as shown in the help, whether it is a flag and whether
/// it may be given without its name. Its value is the text typed.
/// </summary>
public sealed class OptionSpec : CommandOption
{
    private readonly string? _default;

    public OptionSpec(string name, string description, string? @default = null, bool Flag = false, bool Implicit = false) : base(name, () => description)
    {
        _default = @default;
        IsFlag = Flag;
        this.Implicit = Implicit;
    }

    public string Description => Help;
    public override string? DefaultText => _default;
    public override object? DefaultValue => null;
    public override object? Parse(string text) => text;
    public override string Format(object? value) => value as string ?? "";
    public bool Flag => IsFlag;

    /// <summary>This option with another description or default (a command's own wording).</summary>
    public OptionSpec With(string? description = null, string? @default = null, bool clearDefault = false) =>
        new(Name, description ?? Description, clearDefault ? null : @default ?? DefaultText, IsFlag, Implicit);
}
