using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DotNet.Interactive.Commands;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// The kernel command a magic-command line becomes. The directive parser binds each option by name
/// (<c>--max-seconds</c> → <c>maxSeconds</c>) through System.Text.Json; rather than one property per option,
/// every value lands in <see cref="Values"/> and <see cref="Options.OptionValues"/> reads it through the command's declarations, with clear errors.
/// Each magic command has its own subclass because the kernel registers command types by class name.
/// </summary>
public abstract class MagicDirective : KernelDirectiveCommand
{
    /// <summary>Option values by camelCase name: strings, JSON arrays, or booleans for flags.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Values { get; set; }
}
