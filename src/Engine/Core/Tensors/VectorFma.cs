using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

/// <summary>
/// Fused multiply-add on vectors of either precision, a·b + c with one rounding. .NET has FusedMultiplyAdd
/// only for Vector512/Vector256 of double and of float, not for a generic element type: the type test is
/// constant for each instantiation, so the JIT keeps the one instruction (vfmadd231pd or vfmadd231ps).
/// </summary>
internal static class VectorFma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException($"no fused multiply-add for {typeof(T)}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException($"no fused multiply-add for {typeof(T)}");
    }
}
