using System.Numerics;

namespace NotebookDL.Tensors;

// The element-wise operations Elementwise runs: each written once as a formula, in a scalar form and a
// vector form (System.Numerics.Vector<T>: 8 doubles or 16 floats with AVX-512) that do the same operations in
// the same order, so every element gets the same bits whichever form computes it (the vector form over whole
// vectors, the scalar form on the tail). Implement them as small structs generic over the element type T
// (double or float; the engine's layers and rules are written once for both precisions): the driver is generic
// over the struct, so the JIT compiles one loop per operation and precision with the formula inlined. Mark
// both forms [MethodImpl(MethodImplOptions.AggressiveInlining)]: a form longer than a line or two is otherwise
// left as a call per vector, which costs a third of the loop's speed.
//
// The names without T are the double ones (aliases in the engine's build file: a learner's activation in a
// notebook implements IElementwise).

/// <summary>y = f(x), element by element (an activation's forward pass).</summary>
public interface IElementwise<T>
{
    /// <summary>f of one element.</summary>
    T Apply(T x);

    /// <summary>f of a vector of elements: the scalar form's operations, lane by lane.</summary>
    Vector<T> Apply(Vector<T> x);
}

/// <summary>z = f(a, b), element by element (a gradient from one cached tensor and dOut).</summary>
public interface IElementwise2<T>
{
    /// <summary>f of one pair.</summary>
    T Apply(T a, T b);

    /// <summary>f of vectors of pairs: the scalar form's operations, lane by lane.</summary>
    Vector<T> Apply(Vector<T> a, Vector<T> b);
}

/// <summary>z = f(a, b, c), element by element (a gradient from both cached tensors and dOut).</summary>
public interface IElementwise3<T>
{
    /// <summary>f of one triple.</summary>
    T Apply(T a, T b, T c);

    /// <summary>f of vectors of triples: the scalar form's operations, lane by lane.</summary>
    Vector<T> Apply(Vector<T> a, Vector<T> b, Vector<T> c);
}

/// <summary>
/// An update rule with one state per scalar (momentum's velocity, RMSprop's cache): changes the weight w
/// and its state s in place from the gradient g.
/// </summary>
public interface IElementwiseUpdate<T>
{
    /// <summary>Updates one weight and its state.</summary>
    void Apply(ref T w, T g, ref T s);

    /// <summary>Updates a vector of weights and their states: the scalar form's operations, lane by lane.</summary>
    void Apply(ref Vector<T> w, Vector<T> g, ref Vector<T> s);
}

/// <summary>An update rule with two states per scalar (Adam's moments m and v).</summary>
public interface IElementwiseUpdate2<T>
{
    /// <summary>Updates one weight and its two states.</summary>
    void Apply(ref T w, T g, ref T s1, ref T s2);

    /// <summary>Updates a vector of weights and their states: the scalar form's operations, lane by lane.</summary>
    void Apply(ref Vector<T> w, Vector<T> g, ref Vector<T> s1, ref Vector<T> s2);
}
