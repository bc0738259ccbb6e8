using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>A trial and its data written down for a worker read back to the same options and the same bits.</summary>
public class TrialSpecTests
{
    [Fact]
    public void A_spec_reads_back_to_options_that_train_the_same_network_bit_for_bit()
    {
        var net = SearchData.Net with { Hidden = [17, 9], Activation = "tanh", Dropout = 0.25, Regularizer = NotebookDL.Regularization.Regularizer.L2(3.3e-4) };
        var sgd = SearchData.Sgd with { Optimizer = "adam", LearningRate = 0.1 + 0.2, OptimizerOptions = new NotebookDL.Optimizers.OptimizerOptions { Beta1 = 0.85 }, Dtype = Dtype.Float32 };
        var request = new TrialRequest(4, Configuration.Empty, 1234, 2);
        var spec = TrialSpec.FromJson(TrialSpec.Of(request, net, sgd, "a", "b").ToJson());
        Assert.Equal(0.30000000000000004, spec.TrainingOptions().LearningRate); // 0.1 + 0.2, every bit
        Assert.Equal(Dtype.Float32, spec.TrainingOptions().Dtype); // a worker trains in the notebook's precision
        var here = MlpTrial.Train(net, sgd, SearchData.Train, SearchData.Val);
        var there = MlpTrial.Train(spec.Architecture(), spec.TrainingOptions(), SearchData.Train, SearchData.Val);
        Assert.Equal(here.History.Costs, there.History.Costs);
        Assert.Equal(NetworkFile.ToJson(here.Network!), NetworkFile.ToJson(there.Network!));
    }

    [Fact]
    public void Code_cannot_travel_a_plugged_optimiser_is_refused_with_the_reason()
    {
        var plugged = SearchData.Sgd with { OptimizerFactory = () => new NotebookDL.Optimizers.Sgd() };
        var e = Assert.Throws<ArgumentException>(() => TrialSpec.Of(new TrialRequest(0, Configuration.Empty, 0, null), SearchData.Net, plugged, "a", "b"));
        Assert.Contains("cannot run on a worker", e.Message);
    }

    [Fact]
    public void A_data_set_blob_reads_back_bit_for_bit_and_its_hash_names_its_content()
    {
        var data = SearchData.Train;
        var bytes = DatasetBlob.Write(data);
        var back = DatasetBlob.Read(bytes);
        Assert.Equal(data.X.ToRowMajorArray(), back.X.ToRowMajorArray());
        Assert.Equal(data.Labels, back.Labels);
        Assert.Equal(data.ClassNames, back.ClassNames);
        Assert.Equal(DatasetBlob.Hash(bytes), DatasetBlob.Hash(DatasetBlob.Write(back)));
        Assert.NotEqual(DatasetBlob.Hash(bytes), DatasetBlob.Hash(DatasetBlob.Write(SearchData.Val)));
        Assert.Throws<InvalidDataException>(() => DatasetBlob.Read(bytes[..^4]));
    }
}
