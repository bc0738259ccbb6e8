using NotebookDL.Data;
using NotebookDL.Exercises;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class BatchNormNetworkExerciseTests
{
    private static Func<int, int[], int, Rng, IReadOnlyList<ILayer>> Network(bool dropBias = true, bool batchNormAfterRelu = false, bool outputBias = true) =>
        (inputs, hidden, classes, rng) =>
        {
            var layers = new List<ILayer>();
            int width = inputs;
            foreach (var h in hidden)
            {
                layers.Add(new Dense(width, h, NotebookDL.Init.Initializer.He, rng, bias: !dropBias));
                if (batchNormAfterRelu) { layers.Add(new ReLU()); layers.Add(new BatchNorm(h)); }
                else { layers.Add(new BatchNorm(h)); layers.Add(new ReLU()); }
                width = h;
            }
            layers.Add(new Dense(width, classes, NotebookDL.Init.Initializer.He, rng, bias: outputBias));
            return layers;
        };

    [Fact]
    public void A_learners_stack_passes() => Passes("batchnorm-network", Network());

    [Fact]
    public void A_bias_before_batch_norm_is_bias_not_dropped() =>
        FailsWith("batchnorm-network", Network(dropBias: false), "bias not dropped: a Dense followed by batch norm needs no b");

    [Fact]
    public void Batch_norm_after_the_activation_is_told_to_go_before_it() =>
        FailsWith("batchnorm-network", Network(batchNormAfterRelu: true), "batch norm goes before the activation");

    [Fact]
    public void An_output_layer_without_bias_is_told_to_keep_it() =>
        FailsWith("batchnorm-network", Network(outputBias: false), "the last Dense (the scores) has no batch norm after it: keep its bias");
}
