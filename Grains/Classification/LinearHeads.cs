using Microsoft.ML.Data;

namespace StoriBoard.Classification;

/// <summary>
/// The risk head (multinomial logistic regression: softmax of W·x + b over the five levels) and one logistic head per
/// theme (Platt: 1 / (1 + exp(slope·(w·x + b) + offset))), taken from the trained ML.NET models and scored here in plain
/// C# on the featurised message: one pass over its non-zero features updates every head at once. The weights are stored
/// feature-major so that pass reads one contiguous row per feature. Immutable once loaded; thread-safe.
/// </summary>
public sealed class LinearHeads
{
    public const string FileName = "classifier-heads.bin";
    private const int Magic = 0x53424C48; // "HLBS"
    private const int Version = 3;

    private readonly float[] _weights; // [feature * Outputs + output]
    private readonly float[] _bias;    // [Outputs]
    private readonly float[] _slope;   // per theme, then the red-flag head if any
    private readonly float[] _offset;  // per theme, then the red-flag head if any

    public LinearHeads(int textFeatures, int levels, int themes, bool redFlagHead, float[] weights, float[] bias, float[] slope, float[] offset)
    {
        RedFlagHead = redFlagHead;
        Outputs = levels + themes + (redFlagHead ? 1 : 0);
        var binary = Outputs - levels;
        if (weights.Length != (textFeatures + ThemeKeywords.Count + RiskCues.Count) * Outputs || bias.Length != Outputs || slope.Length != binary || offset.Length != binary)
        {
            throw new InvalidDataException("The classifier heads do not fit together.");
        }

        (TextFeatures, Levels, Themes, _weights, _bias, _slope, _offset) = (textFeatures, levels, themes, weights, bias, slope, offset);
    }

    /// <summary>The width of the featuriser's output; the theme keyword features follow it, then the risk cues.</summary>
    public int TextFeatures { get; }

    public int Levels { get; }

    public int Themes { get; }

    public int Outputs { get; }

    /// <summary>True when a separate logistic red-flag head (high or imminent vs the rest) follows the theme heads.</summary>
    public bool RedFlagHead { get; }

    /// <summary>
    /// Scores one message: risk probabilities (summing to one) and theme probabilities; returns the red-flag head's
    /// probability, or null without one.
    /// </summary>
    public float? Score(in VBuffer<float> text, ReadOnlySpan<float> keywords, ReadOnlySpan<float> cues, Span<float> risk, Span<float> themes)
    {
        Span<float> sums = stackalloc float[Outputs];
        _bias.CopyTo(sums);
        var values = text.GetValues();
        var weights = _weights.AsSpan();
        if (text.IsDense)
        {
            for (var j = 0; j < values.Length; j++)
            {
                if (values[j] != 0)
                {
                    Add(sums, weights.Slice(j * Outputs, Outputs), values[j]);
                }
            }
        }
        else
        {
            var indices = text.GetIndices();
            for (var k = 0; k < values.Length; k++)
            {
                Add(sums, weights.Slice(indices[k] * Outputs, Outputs), values[k]);
            }
        }

        for (var k = 0; k < keywords.Length; k++)
        {
            if (keywords[k] != 0)
            {
                Add(sums, weights.Slice((TextFeatures + k) * Outputs, Outputs), keywords[k]);
            }
        }

        for (var k = 0; k < cues.Length; k++)
        {
            if (cues[k] != 0)
            {
                Add(sums, weights.Slice((TextFeatures + ThemeKeywords.Count + k) * Outputs, Outputs), cues[k]);
            }
        }

        // Softmax over the levels, shifted by the largest for stability.
        var max = float.NegativeInfinity;
        for (var c = 0; c < Levels; c++)
        {
            max = Math.Max(max, sums[c]);
        }

        var total = 0.0;
        for (var c = 0; c < Levels; c++)
        {
            var e = Math.Exp(sums[c] - max);
            risk[c] = (float)e;
            total += e;
        }

        for (var c = 0; c < Levels; c++)
        {
            risk[c] = (float)(risk[c] / total);
        }

        for (var t = 0; t < Themes; t++)
        {
            themes[t] = Sigmoid(t, sums[Levels + t]);
        }

        return RedFlagHead ? Sigmoid(Themes, sums[Levels + Themes]) : null;
    }

    private float Sigmoid(int binary, float score) => (float)(1.0 / (1.0 + Math.Exp(_slope[binary] * score + _offset[binary])));

    private static void Add(Span<float> sums, ReadOnlySpan<float> row, float value)
    {
        for (var o = 0; o < sums.Length; o++)
        {
            sums[o] += row[o] * value;
        }
    }

    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(TextFeatures);
        writer.Write(ThemeKeywords.Count);
        writer.Write(RiskCues.Count);
        writer.Write(Levels);
        writer.Write(Themes);
        writer.Write(RedFlagHead);
        foreach (var array in (float[][])[_bias, _slope, _offset, _weights])
        {
            writer.Write(array.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
        }
    }

    public static LinearHeads Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("The classifier heads file is not one this version reads.");
        }

        var textFeatures = reader.ReadInt32();
        if (reader.ReadInt32() != ThemeKeywords.Count || reader.ReadInt32() != RiskCues.Count)
        {
            throw new InvalidDataException("The classifier heads were trained with different theme words or safety rules.");
        }

        var levels = reader.ReadInt32();
        var themes = reader.ReadInt32();
        var redFlagHead = reader.ReadBoolean();
        var bias = ReadFloats(reader);
        var slope = ReadFloats(reader);
        var offset = ReadFloats(reader);
        var weights = ReadFloats(reader);
        return new LinearHeads(textFeatures, levels, themes, redFlagHead, weights, bias, slope, offset);
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length is < 0 or > 64 * 1024 * 1024)
        {
            throw new InvalidDataException("The classifier heads file is broken.");
        }

        var array = new float[length];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new InvalidDataException("The classifier heads file is cut short.");
        }

        return array;
    }
}
