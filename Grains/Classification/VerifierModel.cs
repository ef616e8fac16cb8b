using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace StoriBoard.Classification;

/// <summary>
/// The second stage: a binary ML.NET model (its own word and character features, logistic regression) that reads
/// whether a message is a red flag. It was trained on more kinds of everyday line than the first stage, including the
/// trap words, and runs only on a red flag the first stage is unsure of (<see cref="RiskDecision.Unsure"/>), so it costs
/// nothing on the everyday path. Prediction engines come from a pool: one must never be shared between threads.
/// </summary>
public sealed class VerifierModel
{
    public const string FileName = "classifier-verifier.zip";

    private readonly ObjectPool<PredictionEngine<VerifierInput, VerifierOutput>> _pool;

    public VerifierModel(MLContext ml, ITransformer model)
    {
        _pool = new DefaultObjectPool<PredictionEngine<VerifierInput, VerifierOutput>>(
            new EnginePolicy(ml, model), maximumRetained: Environment.ProcessorCount * 2);
    }

    /// <summary>The model in <paramref name="directory"/>; a missing or broken file stops the start.</summary>
    public static VerifierModel Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The classifier cannot start: '{path}' is missing. Train the models with 'dotnet run -c Release --project tools/Training' and ship the models folder.");
        }

        try
        {
            var ml = new MLContext(seed: 1);
            var verifier = new VerifierModel(ml, ml.Model.Load(path, out _));
            verifier.RedFlagProbability("hello");
            return verifier;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The classifier cannot start: the verifier model '{path}' is broken ({e.Message}).", e);
        }
    }

    /// <summary>The verifier's probability that the message is a red flag (high or imminent).</summary>
    public float RedFlagProbability(string text)
    {
        var engine = _pool.Get();
        try
        {
            return engine.Predict(new VerifierInput { Text = text }).Probability;
        }
        finally
        {
            _pool.Return(engine);
        }
    }

    public sealed class VerifierInput
    {
        public string Text { get; set; } = "";
    }

    public sealed class VerifierOutput
    {
        [ColumnName("Probability")]
        public float Probability { get; set; }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<VerifierInput, VerifierOutput>>
    {
        public override PredictionEngine<VerifierInput, VerifierOutput> Create() => ml.Model.CreatePredictionEngine<VerifierInput, VerifierOutput>(model);

        public override bool Return(PredictionEngine<VerifierInput, VerifierOutput> engine) => true;
    }
}
