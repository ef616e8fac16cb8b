using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace StoriBoard.Classification;

/// <summary>
/// The red-flag kind head: an ML.NET model (its own word and character features, multinomial logistic regression)
/// trained on the kind-labelled red flags of the corpus. It runs only on messages already judged a red flag, so it
/// costs nothing on the everyday path. Prediction engines come from a pool: one must never be shared between threads.
/// </summary>
public sealed class KindModel
{
    public const string FileName = "classifier-kinds.zip";
    public const string LabelColumn = "Kind";

    private readonly ObjectPool<PredictionEngine<KindInput, KindOutput>> _pool;

    private KindModel(MLContext ml, ITransformer model)
    {
        _pool = new DefaultObjectPool<PredictionEngine<KindInput, KindOutput>>(
            new EnginePolicy(ml, model), maximumRetained: Environment.ProcessorCount * 2);
    }

    /// <summary>The model in <paramref name="directory"/>, or null where none was trained (the rules then read every kind).</summary>
    public static KindModel? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var ml = new MLContext(seed: 1);
        return new KindModel(ml, ml.Model.Load(path, out _));
    }

    public RedFlagKind Read(string text)
    {
        var engine = _pool.Get();
        try
        {
            var predicted = engine.Predict(new KindInput { Text = text }).Kind;
            return Enum.Parse<RedFlagKind>(predicted);
        }
        finally
        {
            _pool.Return(engine);
        }
    }

    /// <summary>The message; <see cref="Kind"/> stays empty, but the model's label mapping expects the column.</summary>
    public sealed class KindInput
    {
        public string Text { get; set; } = "";

        public string Kind { get; set; } = "";
    }

    /// <summary>The predicted kind's enum name, mapped back from the model's key.</summary>
    public sealed class KindOutput
    {
        [ColumnName("PredictedKind")]
        public string Kind { get; set; } = "";
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<KindInput, KindOutput>>
    {
        public override PredictionEngine<KindInput, KindOutput> Create() => ml.Model.CreatePredictionEngine<KindInput, KindOutput>(model);

        public override bool Return(PredictionEngine<KindInput, KindOutput> engine) => true;
    }
}
