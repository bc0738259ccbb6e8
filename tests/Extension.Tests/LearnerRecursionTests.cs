using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// A learner's endless recursion (issue 18, item 1): a stack overflow ends a .NET process, so before the guard
/// these cells killed the kernel (here: the test host). Now the cell or the check fails with a clear sentence and
/// the notebook keeps every variable.
/// </summary>
[Collection("notebook state")]
public class LearnerRecursionTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public LearnerRecursionTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    private async Task<string> Ok(string code)
    {
        var cell = await _kernel.SubmitAsync(code);
        Assert.True(cell.Succeeded, cell.Describe());
        return System.Net.WebUtility.HtmlDecode(cell.Html);
    }

    [Fact]
    public async Task A_check_of_a_function_that_recurses_forever_says_so_and_the_notebook_keeps_its_variables()
    {
        await Ok(CheckCommandTests.Usings + """
            var keepMe = 42;
            Matrix<double> Deep(Matrix<double> s) => Deep(s);
            var deep = Deep;
            """);
        var cell = await Ok("#!check softmax --impl deep");
        Assert.Contains("your code recursed without end (or too deep)", cell);
        Assert.Contains("check the base case", cell);
        await Ok("var seen = keepMe + 1;");
        Assert.Equal(43, _kernel.Variable<int>("seen"));
    }

    [Theory]
    [InlineData("int Down(int n) => Down(n + 1);\nDown(0)")]                                 // expression-bodied method
    [InlineData("int Down(int n) { return 1 + Down(n + 1); }\nDown(0)")]                    // block-bodied method
    [InlineData("void Go() { int Local(int n) => Local(n) + 1; Local(0); }\nGo();")]         // local function
    [InlineData("Func<int, int> f = null;\nf = n => { return f(n + 1); };\nf(0)")]           // block-bodied lambda
    [InlineData("class Node { public Node Next => new Node(); public int Depth() => 1 + Next.Depth(); }\nnew Node().Depth()")] // a class's method
    [InlineData("class Loop { public int P => P + 1; }\nnew Loop().P")]                                               // an expression-bodied property
    [InlineData("class Loop { int _x; public int X { get { return X; } set { _x = value; } } }\nnew Loop().X")]        // a getter
    [InlineData("class Egg { public Egg() { var next = new Egg(); } }\nnew Egg()")]                                  // a constructor
    public async Task A_cell_that_recurses_forever_fails_with_the_stack_error_and_the_kernel_lives_on(string code)
    {
        await Ok("var keepMe = 7;");
        var cell = await _kernel.SubmitAsync(code);
        Assert.False(cell.Succeeded);
        Assert.Contains("your code recursed without end", cell.Describe());
        Assert.InRange(cell.Failure!.Message.Length, 1, 4000); // not a trace of every frame (17 MB through the stock kernel before)
        await Ok("var seen = keepMe * 6;");
        Assert.Equal(42, _kernel.Variable<int>("seen"));
    }

    [Fact]
    public async Task An_exercise_stub_that_throws_still_compiles_and_checks_as_not_implemented()
    {
        await Ok(CheckCommandTests.Usings + "Matrix<double> Stub(Matrix<double> s) => throw new NotImplementedException();\nvar stub = Stub;");
        Assert.Contains("not implemented yet", await Ok("#!check softmax --impl stub"));
    }

    [Fact]
    public async Task Guarded_code_runs_as_written_and_keeps_its_line_numbers()
    {
        await Ok("int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);\nvoid Nothing() => Console.Write(\"\");\nvar f120 = Fact(5);");
        Assert.Equal(120, _kernel.Variable<int>("f120"));
        var error = await _kernel.SubmitAsync("int Ok() { return 1; }\n\nint Bad() { return \"no\"; }");
        Assert.False(error.Succeeded);
        Assert.Contains("(3,", error.Describe()); // the kernel's error points at the learner's line 3
    }

    [Theory]
    [InlineData("int F(int n) => n;", "int F(int n) { " + StackGuard.Statement + " return n; }")]
    [InlineData("void G() => Console.WriteLine();", "void G() { " + StackGuard.Statement + " Console.WriteLine(); }")]
    [InlineData("int H(int n) {\n  return n;\n}", "int H(int n) { " + StackGuard.Statement + "\n  return n;\n}")]
    [InlineData("int S(int n) => throw new NotImplementedException();", "int S(int n) { " + StackGuard.Statement + " throw new NotImplementedException(); }")] // a stub
    [InlineData("async Task<int> A() => await Task.FromResult(1);", "async Task<int> A() => await Task.FromResult(1);")] // async arrows are left alone
    [InlineData("int P => 1;", "int P { get { " + StackGuard.Statement + " return 1; } }")]
    [InlineData("int Q { get => 2; set => _ = value; }", "int Q { get { " + StackGuard.Statement + " return 2; } set { " + StackGuard.Statement + " _ = value; } }")]
    [InlineData("var x = 1 +;", "var x = 1 +;")]                                                                          // code that does not parse is the kernel's to report
    [InlineData("var y = 2;", "var y = 2;")]
    public void The_guard_goes_first_in_each_body_on_its_own_line(string code, string guarded) =>
        Assert.Equal(guarded, StackGuard.Guard(code));
}
