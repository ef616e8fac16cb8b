using System.Numerics.Tensors;

namespace StoriBoard.Classification;

/// <summary>
/// The second stage: it reads a message's meaning through a sentence encoder (<see cref="MessageEncoder"/>), which the
/// first stage's word features cannot, and asks what the corpus lines nearest to it in meaning are: red flags, or
/// everyday lines. Its neighbours include lines the first stage never reads, written for this stage: everyday messages
/// full of trap words, worrying but safe ones, understated red flags. It runs only on a red flag the first stage is
/// unsure of (<see cref="RiskDecision.Unsure"/>), so the everyday path never pays for the encoder.
/// </summary>
public sealed class VerifierModel
{
    public const string FileName = "classifier-verifier.bin";

    private readonly MessageEncoder _encoder;
    private readonly VerifierNeighbours _neighbours;

    public VerifierModel(MessageEncoder encoder, VerifierNeighbours neighbours)
    {
        _encoder = encoder;
        _neighbours = neighbours;
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
            using var stream = File.OpenRead(path);
            var verifier = new VerifierModel(new MessageEncoder(), VerifierNeighbours.Read(stream));
            verifier.RedFlagProbability("hello");
            return verifier;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The classifier cannot start: the verifier model '{path}' is broken ({e.Message}).", e);
        }
    }

    /// <summary>The verifier's belief that the message is a red flag (high or imminent), in [0, 1].</summary>
    public float RedFlagProbability(string text) => _neighbours.RedFlagShare(_encoder.Encode([text])[0]);
}

/// <summary>
/// The corpus lines the verifier compares a message with, as sentence embeddings (kept as half-precision floats, which
/// halves the file and changes no decision), each marked red flag or not and written for this stage or not. A message's
/// red-flag share is the weighted share of red flags among its <see cref="Neighbours"/> nearest lines: each weighs
/// e^(similarity / <see cref="Temperature"/>), and a line written for this stage weighs <see cref="TrialWeight"/> times as much.
/// </summary>
public sealed class VerifierNeighbours
{
    private const int Magic = 0x56524631; // "VRF1"
    public const float TrialWeight = 3;

    private readonly float[] _embeddings;
    private readonly bool[] _redFlag;
    private readonly bool[] _trial;

    public VerifierNeighbours(IReadOnlyList<(float[] Embedding, bool RedFlag, bool Trial)> lines, int neighbours, float temperature)
    {
        if (lines.Count < neighbours || neighbours < 1 || temperature <= 0 || lines.Any(l => l.Embedding.Length != MessageEncoder.Dimensions))
        {
            throw new InvalidDataException($"The verifier needs at least {Math.Max(neighbours, 1)} lines of {MessageEncoder.Dimensions} values, and a positive temperature.");
        }

        Neighbours = neighbours;
        Temperature = temperature;
        _embeddings = new float[lines.Count * MessageEncoder.Dimensions];
        _redFlag = new bool[lines.Count];
        _trial = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            Rounded(lines[i].Embedding).CopyTo(_embeddings, i * MessageEncoder.Dimensions);
            _redFlag[i] = lines[i].RedFlag;
            _trial[i] = lines[i].Trial;
        }
    }

    public int Neighbours { get; }

    public float Temperature { get; }

    public int Count => _redFlag.Length;

    /// <summary>An embedding as the file keeps it, so that training and serving compare exactly the same numbers.</summary>
    public static float[] Rounded(ReadOnlySpan<float> embedding)
    {
        var rounded = new float[embedding.Length];
        for (var i = 0; i < embedding.Length; i++)
        {
            rounded[i] = (float)(Half)embedding[i];
        }

        return rounded;
    }

    /// <summary>The weighted share of red flags among the nearest lines; <paramref name="skip"/> leaves some lines out (out-of-fold scoring).</summary>
    public float RedFlagShare(ReadOnlySpan<float> embedding, Func<int, bool>? skip = null)
    {
        var query = Rounded(embedding);
        var nearest = new PriorityQueue<int, float>(Neighbours + 1);
        for (var j = 0; j < _redFlag.Length; j++)
        {
            if (skip?.Invoke(j) == true)
            {
                continue;
            }

            var similarity = TensorPrimitives.Dot(query, _embeddings.AsSpan(j * MessageEncoder.Dimensions, MessageEncoder.Dimensions));
            if (nearest.Count < Neighbours)
            {
                nearest.Enqueue(j, similarity);
            }
            else if (nearest.TryPeek(out _, out var lowest) && similarity > lowest)
            {
                nearest.DequeueEnqueue(j, similarity);
            }
        }

        double red = 0, all = 0;
        while (nearest.TryDequeue(out var j, out var similarity))
        {
            var weight = Math.Exp(similarity / Temperature) * (_trial[j] ? TrialWeight : 1);
            all += weight;
            red += _redFlag[j] ? weight : 0;
        }

        return all > 0 ? (float)(red / all) : 0;
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Count);
        writer.Write(MessageEncoder.Dimensions);
        writer.Write(Neighbours);
        writer.Write(Temperature);
        for (var i = 0; i < Count; i++)
        {
            writer.Write((byte)((_redFlag[i] ? 1 : 0) | (_trial[i] ? 2 : 0)));
            for (var d = 0; d < MessageEncoder.Dimensions; d++)
            {
                writer.Write((Half)_embeddings[i * MessageEncoder.Dimensions + d]);
            }
        }
    }

    public static VerifierNeighbours Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("This is not a verifier file.");
        }

        var count = reader.ReadInt32();
        if (count is < 1 or > 10_000_000 || reader.ReadInt32() != MessageEncoder.Dimensions)
        {
            throw new InvalidDataException($"The verifier file does not hold lines of {MessageEncoder.Dimensions} values.");
        }

        var neighbours = reader.ReadInt32();
        var temperature = reader.ReadSingle();
        var lines = new (float[], bool, bool)[count];
        for (var i = 0; i < count; i++)
        {
            var marks = reader.ReadByte();
            var embedding = new float[MessageEncoder.Dimensions];
            for (var d = 0; d < embedding.Length; d++)
            {
                embedding[d] = (float)reader.ReadHalf();
            }

            lines[i] = (embedding, (marks & 1) != 0, (marks & 2) != 0);
        }

        return new VerifierNeighbours(lines, neighbours, temperature);
    }
}
