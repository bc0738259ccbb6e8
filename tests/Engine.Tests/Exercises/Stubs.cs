using System.Linq.Expressions;

namespace NotebookDL.Tests.Exercises;

/// <summary>Delegates of any signature that do what a student notebook's stub does: throw "not implemented yet".</summary>
internal static class Stubs
{
    public static Delegate NotImplemented(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var body = Expression.Throw(Expression.New(typeof(NotImplementedException).GetConstructor([typeof(string)])!, Expression.Constant("not implemented yet")), invoke.ReturnType);
        return Expression.Lambda(delegateType, body, parameters).Compile();
    }
}
