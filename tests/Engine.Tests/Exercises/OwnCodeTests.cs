using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Exercises;

/// <summary>
/// "Write it yourself": a learner's function that hands the work to the engine's own implementation passes
/// every case, so the check reads what it calls. A grader fails it; a learner's own check warns.
/// </summary>
public class OwnCodeTests
{
    private static readonly ExerciseDefinition SoftmaxExercise = ExerciseCatalog.Find("softmax");

    private static Matrix<double> CallsTheEngine(Matrix<double> scores) => Softmax.Rows(scores);

    private static string[] Names(object? implementation) => [.. OwnCode.EngineCalls(implementation).Select(OwnCode.Describe)];

    [Fact]
    public void A_function_that_calls_the_engines_softmax_is_found_calling_Softmax_Rows()
    {
        var calls = OwnCode.EngineCalls((Func<Matrix<double>, Matrix<double>>)CallsTheEngine);
        var only = Assert.Single(calls);
        Assert.Equal(typeof(Softmax).GetMethod(nameof(Softmax.Rows))!.MakeGenericMethod(typeof(double)), only);
        Assert.Equal("NotebookDL.Losses.Softmax.Rows", OwnCode.Describe(only));
    }

    [Fact]
    public void Graded_it_fails_a_your_own_code_case_that_names_the_engine_method()
    {
        var result = SoftmaxExercise.Check((Func<Matrix<double>, Matrix<double>>)CallsTheEngine, grading: true);
        Assert.False(result.Passed, result.ToString());
        var own = Assert.Single(result.Cases, c => !c.Passed);
        Assert.Equal(ExerciseDefinition.OwnCodeCase, own.Name);
        Assert.Equal(CaseOutcome.Failed, own.Outcome);
        Assert.Equal("calls NotebookDL.Losses.Softmax.Rows, the engine's own code: write it yourself", own.Hint);
        Assert.Contains("first hint: calls NotebookDL.Losses.Softmax.Rows", result.Summary);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void In_practice_its_cases_pass_with_a_warning_that_a_grader_would_give_it_no_points()
    {
        var result = SoftmaxExercise.Check((Func<Matrix<double>, Matrix<double>>)CallsTheEngine, name: "MySoftmax");
        Assert.True(result.Passed, result.ToString());
        Assert.DoesNotContain(result.Cases, c => c.Name == ExerciseDefinition.OwnCodeCase);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("MySoftmax calls NotebookDL.Losses.Softmax.Rows, the engine's own code: write it yourself (a grader would give it no points)", warning);
        Assert.Contains("warning: " + warning, result.ToString());
    }

    [Fact]
    public void A_genuine_softmax_is_not_flagged_graded_or_not()
    {
        Func<Matrix<double>, Matrix<double>> mine = SoftmaxExerciseTests.LearnerSoftmax;
        Assert.Empty(OwnCode.EngineCalls(mine));
        var graded = SoftmaxExercise.Check(mine, grading: true);
        Assert.True(graded.Passed, graded.ToString());
        Assert.Equal(5, graded.Cases.Count);
        Assert.Empty(SoftmaxExercise.Check(mine).Warnings);
    }

    public static TheoryData<string> Exercises() => [.. ExerciseCatalog.Names];

    [Theory]
    [MemberData(nameof(Exercises))]
    public void Every_chapter_11_solution_is_the_learners_own_code_and_passes_graded(string name)
    {
        var exercise = ExerciseCatalog.Find(name);
        var solution = ChapterElevenSolutions.All[name];
        Assert.Empty(OwnCode.EngineCalls(solution, exercise).Select(OwnCode.Describe));
        var graded = exercise.Check(solution, grading: true);
        Assert.True(graded.Passed, graded.ToString());
        Assert.Empty(graded.Warnings);
    }

    [Fact]
    public void The_batchnorm_network_builds_with_the_engines_layers_which_only_that_exercise_allows()
    {
        var solution = ChapterElevenSolutions.All["batchnorm-network"];
        Assert.Equal(["NotebookDL.Init.Initializer.He", "new NotebookDL.Layers.BatchNorm", "new NotebookDL.Layers.Dense", "new NotebookDL.Layers.ReLU"],
            Names(solution).Order(StringComparer.Ordinal));
        Assert.Empty(OwnCode.EngineCalls(solution, ExerciseCatalog.Find("batchnorm-network")));
    }

    [Fact]
    public void A_lambda_that_calls_the_engine_through_a_local_function_is_caught()
    {
        Matrix<double> Helper(Matrix<double> z) => Softmax.Rows(z);
        Func<Matrix<double>, Matrix<double>> lambda = z => Helper(z.Clone());
        Assert.Equal(["NotebookDL.Losses.Softmax.Rows"], Names(lambda));
        Assert.False(SoftmaxExercise.Check(lambda, grading: true).Passed);
    }

    [Fact]
    public void Calls_through_closures_method_groups_and_nested_lambdas_are_caught()
    {
        double shift = 0;
        Func<Matrix<double>, Matrix<double>> viaGroup = z =>
        {
            Func<Matrix<double>, Matrix<double>> engine = Softmax.Rows; // a method group: ldftn, not a call
            return engine(z + shift);
        };
        Func<Matrix<double>, Matrix<double>> nested = z =>
        {
            Func<Matrix<double>, Matrix<double>> inner = m => Softmax.Rows(m + shift);
            return inner(z);
        };
        Assert.Equal(["NotebookDL.Losses.Softmax.Rows"], Names(viaGroup));
        Assert.Equal(["NotebookDL.Losses.Softmax.Rows"], Names(nested));
    }

    private static Matrix<double> Generic<T>(Matrix<double> z) => Softmax.Rows(z);

    private sealed class Wrapper<T>
    {
        public Matrix<double> Apply(Matrix<double> z) => Generic<T>(z);
    }

    [Fact]
    public void Calls_through_generic_methods_and_classes_of_the_learner_are_caught() =>
        Assert.Equal(["NotebookDL.Losses.Softmax.Rows"], Names((Func<Matrix<double>, Matrix<double>>)(z => new Wrapper<int>().Apply(z))));

    /// <summary>Operands of every size before the call: a misread operand would lose the instruction stream.</summary>
    private static Matrix<double> AfterEveryOperandSize(Matrix<double> z)
    {
        long big = z.RowCount * 1234567890123L;
        double scale = z.ColumnCount * 2.5;
        float small = z.RowCount * 1.5f;
        string text = "operands";
        switch (z.RowCount)
        {
            case 0: big += 1; break;
            case 1: big += 2; break;
            case 2: big += 3; break;
            case 3: big += 5; break;
            case 4: big += 8; break;
            default: big -= 1; break;
        }
        return big + scale + small + text.Length > 0 ? Softmax.Rows(z) : z;
    }

    [Fact]
    public void The_IL_reader_finds_a_call_after_switch_long_double_float_and_string_operands() =>
        Assert.Equal(["NotebookDL.Losses.Softmax.Rows"], Names((Func<Matrix<double>, Matrix<double>>)AfterEveryOperandSize));

    [Fact]
    public void The_IL_reader_steps_over_each_operand_size_to_the_method_tokens()
    {
        // Every operand below is filled with 0xA6, which is no opcode: a reader that took a wrong operand size
        // would stop at it, and miss the call and the newobj behind.
        byte[] il =
        [
            0x45, 0x02, 0x00, 0x00, 0x00, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, // switch (2 targets)
            0x21, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, // ldc.i8
            0x23, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, // ldc.r8
            0x22, 0xA6, 0xA6, 0xA6, 0xA6, // ldc.r4
            0x72, 0xA6, 0xA6, 0xA6, 0xA6, // ldstr
            0x0E, 0xA6, // ldarg.s
            0xFE, 0x09, 0xA6, 0xA6, // ldarg (two-byte opcode, 2-byte operand)
            0x28, 0x01, 0x00, 0x00, 0x0A, // call 0x0A000001
            0xFE, 0x06, 0x02, 0x00, 0x00, 0x06, // ldftn 0x06000002
            0x73, 0x03, 0x00, 0x00, 0x0A, // newobj 0x0A000003
            0x7B, 0x04, 0x00, 0x00, 0x04, // ldfld: a field, not a method
            0x2A, // ret
        ];
        Assert.Equal([("call", 0x0A000001), ("ldftn", 0x06000002), ("newobj", 0x0A000003)],
            OwnCode.IlReader.MethodTokens(il).Select(t => (t.Op.Name!, t.Token)));
    }

    private static int Ping(int n) => n <= 0 ? 0 : Pong(n - 1);

    private static int Pong(int n) => n <= 0 ? 1 : Ping(n - 1);

    [Fact]
    public void Recursion_and_mutual_calls_end_the_walk_and_stay_clean()
    {
        Func<Matrix<double>, Matrix<double>> recursive = z => Ping(z.RowCount) > 0 ? SoftmaxExerciseTests.LearnerSoftmax(z) : z;
        Assert.Empty(OwnCode.EngineCalls(recursive));
    }

    [Fact]
    public void The_engines_own_reference_handed_over_is_flagged_as_itself()
    {
        Assert.Equal(["NotebookDL.Losses.Softmax.Rows"], Names(SoftmaxExercise.Reference));
        Assert.Equal(["NotebookDL.Exercises.DropoutExercise.ReferenceImplementation"], Names(ExerciseCatalog.Find("dropout").Reference));
        Assert.Contains("new NotebookDL.Layers.BatchNorm", Names(typeof(BatchNorm)));
        var practice = SoftmaxExercise.Check(SoftmaxExercise.Reference);
        Assert.True(practice.Passed);
        Assert.Contains("Rows calls NotebookDL.Losses.Softmax.Rows", Assert.Single(practice.Warnings));
    }

    /// <summary>A "batch norm" that wraps the engine's: every case passes, nothing of it is the learner's.</summary>
    private sealed class WrappedBatchNorm(int units) : ILayer
    {
        private readonly BatchNorm _inner = new(units);
        public string Name => "mine";
        public IReadOnlyList<Parameter> Parameters => _inner.Parameters;
        public LayerSpec Spec => _inner.Spec;
        public IReadOnlyDictionary<string, Matrix<double>> Buffers => _inner.Buffers;
        public int OutputSize(int inputSize) => inputSize;
        public Matrix<double> Forward(Matrix<double> x, Mode mode) => _inner.Forward(x, mode);
        public Matrix<double> Backward(Matrix<double> dOut) => _inner.Backward(dOut);
    }

    [Fact]
    public void A_layer_class_wrapping_the_engines_batch_norm_is_flagged_as_a_type_an_instance_or_a_factory()
    {
        var batchnorm = ExerciseCatalog.Find("batchnorm");
        foreach (var implementation in new object[] { typeof(WrappedBatchNorm), new WrappedBatchNorm(3), (Func<int, ILayer>)(units => new WrappedBatchNorm(units)) })
        {
            Assert.Contains("new NotebookDL.Layers.BatchNorm", Names(implementation));
            var graded = batchnorm.Check(implementation, grading: true);
            Assert.Contains(graded.Cases, c => c.Name == ExerciseDefinition.OwnCodeCase && c.Hint!.StartsWith("calls new NotebookDL.Layers.BatchNorm", StringComparison.Ordinal));
            Assert.False(graded.Passed);
            var practice = batchnorm.Check(implementation);
            Assert.True(practice.Passed, practice.ToString());
            Assert.Single(practice.Warnings);
        }
    }

    [Fact]
    public void The_learners_own_layer_class_with_its_parameters_and_spec_is_clean() =>
        Assert.Empty(OwnCode.EngineCalls(new LearnerBatchNorm(4)));

    [Fact]
    public void Mat_builders_are_allowed_but_Mat_Gaussian_is_an_initialisers_answer()
    {
        Func<Matrix<double>, Matrix<double>> zeros = z => Mat.Zeros(z.RowCount, z.ColumnCount) + SoftmaxExerciseTests.LearnerSoftmax(z);
        Assert.Empty(OwnCode.EngineCalls(zeros));
        Func<int, int, Rng, Matrix<double>> xavier = (fanIn, fanOut, rng) => Mat.Gaussian(fanIn, fanOut, rng, 1 / Math.Sqrt(fanIn));
        Assert.Equal(["NotebookDL.Tensors.Mat.Gaussian"], Names(xavier));
    }

    [Fact]
    public void Several_engine_methods_are_named_up_to_three()
    {
        Func<Matrix<double>, Matrix<double>> many = z =>
            Softmax.Rows(z) + Mat.Gaussian(1, 1, new Rng(0)) + Mat.Uniform(1, 1, new Rng(0), 0, 1) + Softmax.Rows(z).PointwiseMultiply(new BatchNorm(1).Forward(z, Mode.Test));
        var says = OwnCode.Says(OwnCode.EngineCalls(many));
        Assert.Equal("calls NotebookDL.Losses.Softmax.Rows, NotebookDL.Tensors.Mat.Gaussian, NotebookDL.Tensors.Mat.Uniform and 2 more, the engine's own code: write it yourself", says);
    }

    [Fact]
    public void What_cannot_be_read_is_not_flagged_nor_an_error()
    {
        Assert.Empty(OwnCode.EngineCalls(null));
        Assert.Empty(OwnCode.EngineCalls("a string"));
        Assert.Empty(OwnCode.EngineCalls((Func<double, double>)Math.Sqrt));
        Assert.Empty(OwnCode.EngineCalls(Stubs.NotImplemented(SoftmaxExercise.ImplementationType))); // a compiled expression: no IL to read
    }

    [Fact]
    public void The_stub_of_a_student_notebook_is_clean() =>
        Assert.Empty(OwnCode.EngineCalls((Func<Matrix<double>, Matrix<double>>)(_ => throw new NotImplementedException("not implemented yet"))));
}
