using System.Numerics;

namespace NotebookDL.Tensors;

// The element-wise operations Elementwise runs: each written once as a formula, in a scalar form and a
// vector form (System.Numerics.Vector<double>, 4 lanes with AVX2) that do the same operations in the same
// order, so every element gets the same bits whichever form computes it (the vector form over whole
// vectors, the scalar form on the tail). Implement them as small structs: the driver is generic over the
// struct, so the JIT compiles one loop per operation with the formula inlined. Mark both forms
// [MethodImpl(MethodImplOptions.AggressiveInlining)]: a form longer than a line or two is otherwise left
// as a call per vector, which costs a third of the loop's speed.

/// <summary>y = f(x), element by element (an activation's forward pass).</summary>
public interface IElementwise
{
    /// <summary>f of one element.</summary>
    double Apply(double x);

    /// <summary>f of a vector of elements: the scalar form's operations, lane by lane.</summary>
    Vector<double> Apply(Vector<double> x);
}

/// <summary>z = f(a, b), element by element (a gradient from one cached tensor and dOut).</summary>
public interface IElementwise2
{
    /// <summary>f of one pair.</summary>
    double Apply(double a, double b);

    /// <summary>f of vectors of pairs: the scalar form's operations, lane by lane.</summary>
    Vector<double> Apply(Vector<double> a, Vector<double> b);
}

/// <summary>z = f(a, b, c), element by element (a gradient from both cached tensors and dOut).</summary>
public interface IElementwise3
{
    /// <summary>f of one triple.</summary>
    double Apply(double a, double b, double c);

    /// <summary>f of vectors of triples: the scalar form's operations, lane by lane.</summary>
    Vector<double> Apply(Vector<double> a, Vector<double> b, Vector<double> c);
}

/// <summary>
/// An update rule with one state per scalar (momentum's velocity, RMSprop's cache): changes the weight w
/// and its state s in place from the gradient g.
/// </summary>
public interface IElementwiseUpdate
{
    /// <summary>Updates one weight and its state.</summary>
    void Apply(ref double w, double g, ref double s);

    /// <summary>Updates a vector of weights and their states: the scalar form's operations, lane by lane.</summary>
    void Apply(ref Vector<double> w, Vector<double> g, ref Vector<double> s);
}

/// <summary>An update rule with two states per scalar (Adam's moments m and v).</summary>
public interface IElementwiseUpdate2
{
    /// <summary>Updates one weight and its two states.</summary>
    void Apply(ref double w, double g, ref double s1, ref double s2);

    /// <summary>Updates a vector of weights and their states: the scalar form's operations, lane by lane.</summary>
    void Apply(ref Vector<double> w, Vector<double> g, ref Vector<double> s1, ref Vector<double> s2);
}
