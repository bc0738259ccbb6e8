using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// Whether a learner's implementation is their own code: reads the IL of what they hand over (a delegate's
/// method; for a layer exercise every method, constructor and property accessor of the class), follows the
/// calls into the learner's own code (lambdas, local functions, closures, their other methods and classes,
/// earlier cells of the notebook) and lists the engine's methods it reaches. A function that only forwards
/// to <c>Softmax.Rows</c> passes every case of the softmax check; this is what tells it apart.
/// <para>
/// MathNet and the .NET libraries are always allowed (the exercises are written with them), and so is the
/// small part of the engine an exercise hands to the learner (<see cref="Allowed"/>). What the inspection
/// cannot see: an engine method called through a delegate that was made outside the inspected code (held
/// in a field set by another cell), or through reflection.
/// </para>
/// </summary>
public static class OwnCode
{
    private static readonly Assembly Engine = typeof(ExerciseDefinition).Assembly;

    /// <summary>How many calls deep the walk follows the learner's own code, and how many of its methods it reads at most.</summary>
    private const int MaxDepth = 12, MaxMethods = 4000;

    /// <summary>
    /// The engine types whose every member a learner may call: each is part of what an exercise gives to
    /// the learner or asks them to implement, and none computes an exercise's answer. A generic type is listed
    /// as its definition (Parameter&lt;&gt;), as the walk compares it.
    /// </summary>
    private static readonly HashSet<Type> Allowed =
    [
        // The random source the sampling, initialiser and dropout exercises pass in (rng.Gaussian(),
        // rng.NextDouble(), rng.Uniform(a, b)): drawing from it is the task's input; the answer is what the
        // learner does with the draws.
        typeof(Rng),
        // The layer exercises implement ILayer; calling its members on their own layer (or on an engine layer
        // whose construction the walk sees anyway) runs no engine code of its own.
        typeof(ILayer),
        // ILayer.Parameters is a list of Parameter: a layer class must create its gamma and beta as
        // Parameters and read and write their Value and Grad.
        typeof(Parameter<>),
        // ILayer.Spec returns a LayerSpec (LayerSpec.Of("BatchNorm", ...)): a record of a name and settings.
        typeof(LayerSpec),
        // The notebook puts RecursionGuard.Check() first in every method a cell declares: it computes nothing.
        typeof(RecursionGuard),
        // Mode (Mode.Train / Mode.Test) needs no entry: an enum has no code of its own; comparing it compiles
        // to an integer comparison.
    ];

    /// <summary>
    /// Members of <see cref="Mat"/> a learner may call: making a matrix of zeros, of one value or from rows,
    /// and its shape as text, do what MathNet's builders do. Mat.Gaussian and Mat.Uniform are not here: a
    /// scaled random draw is the initialiser exercises' answer.
    /// </summary>
    private static readonly HashSet<string> AllowedMat = [nameof(Mat.Zeros), nameof(Mat.Filled), nameof(Mat.Row), nameof(Mat.OfRows), nameof(Mat.Shape)];

    /// <summary>
    /// The engine's methods that <paramref name="implementation"/> (a delegate, a layer class's
    /// <see cref="Type"/> or an instance of it) calls, directly or through the learner's own methods, apart
    /// from what every exercise allows: empty for code of the learner's own. An implementation that is
    /// itself the engine's (<c>Softmax.Rows</c>, <c>typeof(BatchNorm)</c>) lists itself.
    /// </summary>
    public static IReadOnlyList<MethodBase> EngineCalls(object? implementation) => EngineCalls(implementation, []);

    /// <summary>
    /// The same, also allowing the engine types <paramref name="exercise"/> asks the learner to build with
    /// (<see cref="ExerciseDefinition.BuildingBlocks"/>: the batch-norm network is made of the engine's layers).
    /// </summary>
    public static IReadOnlyList<MethodBase> EngineCalls(object? implementation, ExerciseDefinition exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return EngineCalls(implementation, exercise.BuildingBlocks);
    }

    /// <summary>"calls NotebookDL.Losses.Softmax.Rows, the engine's own code: write it yourself" (up to three named).</summary>
    public static string Says(IReadOnlyList<MethodBase> engineCalls)
    {
        ArgumentNullException.ThrowIfNull(engineCalls);
        var names = engineCalls.Select(Describe).Distinct().ToList();
        var shown = names.Count <= 3 ? names : [.. names.Take(3), $"{names.Count - 3} more"];
        var list = shown.Count == 1 ? shown[0] : string.Join(", ", shown.Take(shown.Count - 1)) + " and " + shown[^1];
        return $"calls {list}, the engine's own code: write it yourself";
    }

    /// <summary>A method as the learner would write it: "NotebookDL.Losses.Softmax.Rows", "new NotebookDL.Layers.BatchNorm", "NotebookDL.Init.Initializer.He".</summary>
    public static string Describe(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        // A lambda, local function or iterator of the engine's own (an exercise's reference) is named after
        // the member that holds it: <get_ReferenceImplementation>b__4_0 in DropoutExercise.<>c.
        var name = Holder(method.Name) ?? method.Name;
        bool generated = method.Name.StartsWith('<');
        var type = method.DeclaringType;
        while (type is not null && IsCompilerGenerated(type))
        {
            if (!generated && Holder(type.Name) is { } holder)
            {
                name = holder;
                generated = true;
            }
            type = type.DeclaringType;
        }
        var typeName = type is null ? "" : TypeName(type);
        if (method is ConstructorInfo && !generated) return "new " + typeName;
        if (name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal)) name = name[4..];
        return typeName.Length == 0 ? name : $"{typeName}.{name}";
    }

    private static IReadOnlyList<MethodBase> EngineCalls(object? implementation, IReadOnlyCollection<Type> alsoAllowed)
    {
        Walk? walk = null;
        try
        {
            var (roots, home) = Roots(implementation);
            walk = new Walk(home, alsoAllowed);
            foreach (var root in roots) walk.Visit(root, 0);
            walk.Run();
        }
        catch (Exception e) when (e is TypeLoadException or ReflectionTypeLoadException or BadImageFormatException or FileNotFoundException
                                       or FileLoadException or NotSupportedException or InvalidOperationException or MemberAccessException)
        {
            // A class whose members reflection cannot list (a dependency that does not load): a check must not
            // throw for the learner's code, so what the walk found until then is the answer.
        }
        return walk?.Found ?? [];
    }

    /// <summary>Where the walk starts, and the learner's assembly (null when it is a library's: nothing to follow there).</summary>
    private static (IReadOnlyList<MethodBase> Roots, Assembly? Home) Roots(object? implementation)
    {
        switch (implementation)
        {
            case null:
                return ([], null);
            case Delegate d:
                var methods = d.GetInvocationList().Select(x => (MethodBase)x.Method).ToList();
                return (methods, Home(methods[0].Module.Assembly));
            default:
                var type = implementation as Type ?? implementation.GetType();
                var home = Home(type.Assembly);
                return home is null && type.Assembly != Engine ? ([], null) : (Members(type), home);
        }
    }

    private static Assembly? Home(Assembly assembly) => IsLibrary(assembly) ? null : assembly;

    /// <summary>MathNet and .NET's own assemblies: always allowed, never followed.</summary>
    private static bool IsLibrary(Assembly assembly)
    {
        if (assembly == typeof(MathNet.Numerics.LinearAlgebra.Matrix<>).Assembly || assembly == typeof(object).Assembly) return true;
        var name = assembly.GetName().Name ?? "";
        return name is "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
    }

    /// <summary>
    /// The methods, constructors and property accessors a class declares, with those of its base classes of
    /// the learner's own. An engine class stands for itself by its constructors.
    /// </summary>
    private static List<MethodBase> Members(Type type)
    {
        const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        if (type.Assembly == Engine) return [.. type.GetConstructors()];
        var members = new List<MethodBase>();
        for (var t = type; t is not null && t.Assembly == type.Assembly; t = t.BaseType)
        {
            members.AddRange(t.GetConstructors(all));
            members.AddRange(t.GetMethods(all));
        }
        return members;
    }

    /// <summary>
    /// The learner's code: the assembly the implementation comes from, and code compiled in memory as a
    /// notebook's cells are (a function of one cell calls those of earlier cells, each cell its own assembly).
    /// </summary>
    private static bool IsLearnerAssembly(Assembly assembly, Assembly? home) =>
        assembly != Engine && (assembly == home || (!assembly.IsDynamic && string.IsNullOrEmpty(assembly.Location) && !IsLibrary(assembly)));

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), false) || type.Name.StartsWith('<');

    /// <summary>"&lt;get_ReferenceImplementation&gt;b__4_0" → "get_ReferenceImplementation"; null for "&lt;&gt;c" or a plain name.</summary>
    private static string? Holder(string generated)
    {
        if (!generated.StartsWith('<')) return null;
        int close = generated.IndexOf('>');
        return close > 1 ? generated[1..close] : null;
    }

    private static string TypeName(Type type)
    {
        var name = type.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (type.DeclaringType is { } outer) return TypeName(outer) + "." + name;
        return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
    }

    /// <summary>One inspection: a breadth-first walk through the learner's methods, collecting the engine's.</summary>
    private sealed class Walk(Assembly? home, IReadOnlyCollection<Type> alsoAllowed)
    {
        private readonly HashSet<Type> _alsoAllowed = [.. alsoAllowed.Select(Definition)];
        private readonly Queue<(MethodBase Method, int Depth)> _queue = new();
        private readonly HashSet<MethodBase> _seen = [];
        private readonly HashSet<Type> _expanded = [];
        private readonly List<MethodBase> _found = [];

        public IReadOnlyList<MethodBase> Found => _found;

        public void Visit(MethodBase method, int depth)
        {
            if (!_seen.Add(method)) return;
            if (method.Module.Assembly == Engine)
            {
                if (!IsAllowed(method)) _found.Add(method);
                return;
            }
            if (depth <= MaxDepth && _seen.Count <= MaxMethods && IsLearnerAssembly(method.Module.Assembly, home))
                _queue.Enqueue((method, depth));
        }

        public void Run()
        {
            while (_queue.TryDequeue(out var item))
                foreach (var (callee, isNew) in Calls(item.Method))
                {
                    Visit(callee, item.Depth + 1);
                    // A class of the learner's that the code creates may be called back through an interface
                    // or an override (a comparer, a layer): read all of it. Not the compiler's closure classes:
                    // their lambdas are reached where they are used, and a class's shared closure holds
                    // lambdas of unrelated methods too.
                    if (isNew && callee.DeclaringType is { } made && !IsCompilerGenerated(made) && _expanded.Add(made) &&
                        IsLearnerAssembly(made.Assembly, home))
                        foreach (var member in Members(made)) Visit(member, item.Depth + 1);
                }
        }

        private bool IsAllowed(MethodBase method)
        {
            var type = method.DeclaringType;
            if (type is null) return true;
            while (type.DeclaringType is not null && IsCompilerGenerated(type)) type = type.DeclaringType;
            type = Definition(type);
            if (type == typeof(Mat)) return AllowedMat.Contains(method.Name);
            return Allowed.Contains(type) || _alsoAllowed.Contains(type);
        }
    }

    /// <summary>A generic type as its definition (Parameter&lt;double&gt; → Parameter&lt;&gt;), as the allowed types are compared.</summary>
    private static Type Definition(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition() : type;

    /// <summary>The methods <paramref name="method"/>'s IL calls, creates, or takes the address of (ldftn: a lambda, a method group).</summary>
    private static IEnumerable<(MethodBase Callee, bool IsNew)> Calls(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            il = null; // a dynamic method (a compiled expression): nothing to read
        }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArgs = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        foreach (var (op, token) in IlReader.MethodTokens(il))
        {
            MethodBase? callee;
            try
            {
                callee = method.Module.ResolveMethod(token, typeArgs, methodArgs);
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException or FileNotFoundException or FileLoadException)
            {
                callee = null; // a token the runtime cannot resolve (e.g. a reference into an assembly that is not loaded)
            }
            if (callee is not null) yield return (callee, op == OpCodes.Newobj);
        }
    }

    /// <summary>
    /// Reads a method body's IL: each instruction's opcode from <see cref="OpCodes"/> (one byte, or 0xFE and
    /// a second), its operand's size from the opcode's <see cref="OperandType"/>.
    /// </summary>
    internal static class IlReader
    {
        private static readonly OpCode[] OneByte = new OpCode[256], TwoByte = new OpCode[256];
        private static readonly bool[] HasOneByte = new bool[256], HasTwoByte = new bool[256];

        static IlReader()
        {
            foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.GetValue(null) is not OpCode op) continue;
                var value = (ushort)op.Value;
                if (op.Size == 1) (OneByte[value], HasOneByte[value]) = (op, true);
                else if ((value >> 8) == 0xFE) (TwoByte[value & 0xFF], HasTwoByte[value & 0xFF]) = (op, true);
            }
        }

        /// <summary>The call, callvirt, newobj, ldftn and ldvirtftn instructions with their method tokens.</summary>
        public static IEnumerable<(OpCode Op, int Token)> MethodTokens(byte[] il)
        {
            int i = 0;
            while (i < il.Length)
            {
                OpCode op;
                if (il[i] == 0xFE && i + 1 < il.Length && HasTwoByte[il[i + 1]])
                {
                    op = TwoByte[il[i + 1]];
                    i += 2;
                }
                else if (HasOneByte[il[i]])
                {
                    op = OneByte[il[i]];
                    i += 1;
                }
                else yield break; // not IL we know: stop rather than misread the rest

                int size = OperandSize(op.OperandType, il, i);
                if ((long)i + size > il.Length) yield break;
                if (op.OperandType == OperandType.InlineMethod &&
                    (op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj || op == OpCodes.Ldftn || op == OpCodes.Ldvirtftn))
                    yield return (op, BitConverter.ToInt32(il, i));
                i += size;
            }
        }

        private static int OperandSize(OperandType type, byte[] il, int at) => type switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => at + 4 <= il.Length ? (int)Math.Min(il.Length, 4 + 4L * (uint)BitConverter.ToInt32(il, at)) : il.Length,
            _ => 4, // branch targets, fields, methods, types, tokens, strings, signatures, int32, float32
        };
    }
}
