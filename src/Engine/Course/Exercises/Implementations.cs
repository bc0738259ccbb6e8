using System.Reflection;
using System.Text.RegularExpressions;

namespace NotebookDL.Exercises;

/// <summary>
/// Turns what a learner hands over into the delegate an exercise calls: a delegate of exactly that type, or a
/// function of the same parameters and a compatible return type (a method group, a lambda, a custom delegate);
/// and names it for the result ("MySoftmax", "a lambda").
/// </summary>
internal static partial class Implementations
{
    [GeneratedRegex(@"g__(?<name>[A-Za-z_][A-Za-z0-9_]*)\|")]
    private static partial Regex LocalFunctionName();

    public static bool TryAdapt(Type target, object? implementation, string signature, out Delegate? adapted, out string? problem)
    {
        adapted = null;
        problem = null;
        switch (implementation)
        {
            case null:
                problem = $"no implementation (null): write {signature}";
                return false;
            case Delegate d when target.IsInstanceOfType(d):
                adapted = d;
                return true;
            case Delegate d when d.GetInvocationList().Length == 1 && Compatible(target, d.Method):
                try
                {
                    adapted = d.Method.IsStatic && d.Target is null
                        ? Delegate.CreateDelegate(target, d.Method)
                        : Delegate.CreateDelegate(target, d.Target, d.Method);
                    return true;
                }
                catch (ArgumentException)
                {
                    adapted = null; // fall through to the message below
                }
                break;
        }
        problem = implementation switch
        {
            Delegate other => $"{Describe(implementation)} is {Friendly(other.Method)}; this exercise needs {signature}",
            Type type => $"{type.Name} is a class; this exercise needs a function: {signature}",
            _ => $"that is a {Friendly(implementation.GetType())}, not a function; this exercise needs {signature}",
        };
        return false;
    }

    /// <summary>"MySoftmax", "a lambda", "MyBatchNorm" (a class), ...</summary>
    public static string Describe(object? implementation) => implementation switch
    {
        null => "null",
        Type t => t.Name,
        Delegate d => DelegateName(d),
        _ => implementation.GetType().Name,
    };

    /// <summary>A type as C# writes it: <c>Matrix&lt;double&gt;</c>, <c>(Matrix&lt;double&gt;, double)</c>, <c>int[]</c>.</summary>
    public static string Friendly(Type t)
    {
        if (t == typeof(double)) return "double";
        if (t == typeof(int)) return "int";
        if (t == typeof(void)) return "void";
        if (t == typeof(string)) return "string";
        if (t == typeof(object)) return "object";
        if (t == typeof(bool)) return "bool";
        if (t.IsArray) return Friendly(t.GetElementType()!) + "[]";
        if (!t.IsGenericType) return t.Name;
        var args = t.GetGenericArguments().Select(Friendly);
        if (t.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true) return $"({string.Join(", ", args)})";
        var name = t.Name[..t.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", args)}>";
    }

    private static string Friendly(MethodInfo m) =>
        $"({string.Join(", ", m.GetParameters().Select(p => Friendly(p.ParameterType)))}) → {Friendly(m.ReturnType)}";

    private static bool Compatible(Type target, MethodInfo method)
    {
        var invoke = target.GetMethod("Invoke")!;
        var want = invoke.GetParameters();
        var have = method.GetParameters();
        if (want.Length != have.Length) return false;
        for (int i = 0; i < want.Length; i++)
            if (want[i].ParameterType != have[i].ParameterType) return false;
        return invoke.ReturnType == method.ReturnType ||
               (!method.ReturnType.IsValueType && invoke.ReturnType.IsAssignableFrom(method.ReturnType));
    }

    private static string DelegateName(Delegate d)
    {
        var name = d.Method.Name;
        var local = LocalFunctionName().Match(name);
        if (local.Success) return local.Groups["name"].Value;
        return name.StartsWith('<') || name.StartsWith("lambda_method", StringComparison.Ordinal) ? "a lambda" : name;
    }
}
