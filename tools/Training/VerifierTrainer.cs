namespace StoriBoard.Classification.Training;

/// <summary>
/// What the verifier's operating point does, by the first stage's unsure red flags (the only ones it may overrule):
/// out of fold on its training lines, and on the held-out split, which it never trains on.
/// </summary>
public sealed record VerifierScores(
    int RedFlags, int Others, int Folds, double OperatingPoint, int Neighbours, float Temperature,
    int UnsureRedFlags, int UnsureRedFlagsOverruled, int UnsureOthers, int UnsureOthersOverruled,
    int HeldOutUnsureRedFlags, int HeldOutUnsureRedFlagsOverruled, int HeldOutUnsureOthers, int HeldOutUnsureOthersOverruled);

/// <summary>One line the verifier trains on; <paramref name="Trial"/> when it was written for this stage (<c>trial-*.jsonl</c>).</summary>
public sealed record VerifierLine(LabelledMessage Message, bool Trial);

/// <summary>
/// Builds the verifier (<see cref="VerifierModel"/>): the sentence embeddings of the training files, the other writers'
/// voices, the kind-labelled red flags and the trial lines written for this stage (everyday trap words, worrying but safe
/// messages, understated red flags), each marked red flag (high or imminent) or not. The first stage never reads the
/// last two kinds of line.
/// <para>
/// How many neighbours, and how sharply nearer ones count, are chosen out of fold: the setting that overrules the most
/// unsure other lines at the point where no unsure red flag is overruled. The operating point is then the lowest
/// red-flag share of any red flag the first stage is unsure of, out of fold among the training lines and against all of
/// them on the held-out split. Below it an unsure red flag is overruled, so no such red flag of the corpus is lost and
/// the recall floors hold.
/// </para>
/// </summary>
public sealed class VerifierTrainer(int folds = 5)
{
    private static readonly (int Neighbours, float Temperature)[] Settings = [(20, 0.05f), (30, 0.05f), (30, 0.03f)];

    public (VerifierNeighbours Model, VerifierScores Scores) Train(
        IReadOnlyList<VerifierLine> lines, IReadOnlyList<LabelledMessage> heldOut, MlMessageClassifier firstStage, Action<string> progress)
    {
        using var encoder = new MessageEncoder();
        var embeddings = EmbeddingCache.Encode(encoder, [.. lines.Select(l => l.Message.Text), .. heldOut.Select(m => m.Text)], progress);
        var rows = lines.Select(l => (embeddings[l.Message.Text], l.Message.Risk.IsRedFlag(), l.Trial)).ToArray();
        bool Unsure(LabelledMessage m) => firstStage.Classify(m.Text) is var a
            && RiskDecision.Unsure(a.Risk.Level, RiskLevels.All.MaxBy(l => a.Risk.Scores[l.Id()]), a.Signals.Length > 0);
        var unsureLines = Enumerable.Range(0, lines.Count).Where(i => Unsure(lines[i].Message)).ToArray();
        var heldOutUnsure = heldOut.Where(Unsure).ToArray();

        (VerifierNeighbours Model, List<(bool RedFlag, float P)> OutOfFold, int Overruled) best = (null!, [], -1);
        foreach (var (neighbours, temperature) in Settings)
        {
            var model = new VerifierNeighbours(rows, neighbours, temperature);
            var scored = new (bool RedFlag, float P)[unsureLines.Length];
            Parallel.For(0, unsureLines.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, u =>
            {
                var i = unsureLines[u];
                scored[u] = (rows[i].Item2, model.RedFlagShare(rows[i].Item1, j => j % folds == i % folds));
            });

            var outOfFold = scored.ToList();
            var point = OperatingPoint(outOfFold);
            var overruled = Count(outOfFold, point).OthersOverruled;
            progress($"verifier, {neighbours} neighbours at temperature {temperature}: out of fold, at the point that overrules no unsure red flag ({point:0.0000}), {overruled} of {outOfFold.Count(s => !s.RedFlag)} unsure other lines overruled");
            if (overruled > best.Overruled)
            {
                best = (model, outOfFold, overruled);
            }
        }

        var cvSet = best.OutOfFold;
        var heldSet = heldOutUnsure.Select(m => (m.Risk.IsRedFlag(), best.Model.RedFlagShare(embeddings[m.Text]))).ToList();
        var operatingPoint = OperatingPoint([.. cvSet, .. heldSet]);

        var (cv, held) = (Count(cvSet, operatingPoint), Count(heldSet, operatingPoint));
        var scores = new VerifierScores(
            rows.Count(r => r.Item2), rows.Count(r => !r.Item2), folds, operatingPoint, best.Model.Neighbours, best.Model.Temperature,
            cv.RedFlags, cv.RedFlagsOverruled, cv.Others, cv.OthersOverruled,
            held.RedFlags, held.RedFlagsOverruled, held.Others, held.OthersOverruled);
        progress($"verifier: {scores.RedFlags} red flags, {scores.Others} others; {scores.Neighbours} neighbours at temperature {scores.Temperature}; operating point {operatingPoint:0.0000}; " +
                 $"unsure out of fold: {cv.RedFlags} red flags ({cv.RedFlagsOverruled} overruled), {cv.Others} others ({cv.OthersOverruled} overruled); " +
                 $"held out: {held.RedFlags} red flags ({held.RedFlagsOverruled} overruled), {held.Others} others ({held.OthersOverruled} overruled)");

        // What other points would trade, for the record: each the score of the k-th lowest unsure red flag.
        var redFlagScores = cvSet.Concat(heldSet).Where(s => s.Item1).Select(s => (double)s.Item2).Order().ToArray();
        foreach (var lost in (int[])[1, 2, 3, 5, 10])
        {
            if (lost < redFlagScores.Length)
            {
                var at = redFlagScores[lost];
                progress($"verifier: at {at:0.0000}, {lost} unsure red flags overruled; others overruled: {Count(cvSet, at).OthersOverruled} out of fold, {Count(heldSet, at).OthersOverruled} held out");
            }
        }

        // Reliability, out of fold on the unsure lines: the share of red flags among the lines in each band of the score.
        // The score is a neighbourhood share, not a calibrated probability; this shows how far to read it as one.
        double[] bands = [0, operatingPoint, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0001];
        for (var b = 0; b + 1 < bands.Length; b++)
        {
            var inBand = cvSet.Where(s => s.P >= bands[b] && s.P < bands[b + 1]).ToArray();
            progress($"verifier reliability: score [{bands[b]:0.000}, {Math.Min(bands[b + 1], 1):0.000}): {inBand.Length} unsure lines, " +
                     $"{(inBand.Length == 0 ? "—" : $"{inBand.Count(s => s.RedFlag) / (double)inBand.Length:0.000}")} red flags, mean score {(inBand.Length == 0 ? 0 : inBand.Average(s => s.P)):0.000}");
        }

        return (best.Model, scores);
    }

    private static double OperatingPoint(List<(bool RedFlag, float P)> set) =>
        set.Where(s => s.RedFlag).Select(s => (double)s.P).DefaultIfEmpty(0).Min();

    private static (int RedFlags, int RedFlagsOverruled, int Others, int OthersOverruled) Count(List<(bool RedFlag, float P)> set, double at) =>
        (set.Count(s => s.RedFlag), set.Count(s => s.RedFlag && s.P < at), set.Count(s => !s.RedFlag), set.Count(s => !s.RedFlag && s.P < at));
}

/// <summary>
/// The corpus's sentence embeddings, kept in the temp folder between training runs: encoding every line takes minutes
/// on one core, and the lines rarely change. Keyed by the text itself; a line not yet kept is encoded and added.
/// </summary>
public static class EmbeddingCache
{
    private static readonly string CachePath = Path.Combine(Path.GetTempPath(), "storiboard-verifier-embeddings.bin");

    public static Dictionary<string, float[]> Encode(MessageEncoder encoder, IReadOnlyList<string> texts, Action<string> progress)
    {
        var known = Read();
        var missing = texts.Distinct(StringComparer.Ordinal).Where(t => !known.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            progress($"verifier: encoding {missing.Length} lines ({known.Count} kept from an earlier run)");
            var batches = missing.Chunk(32).ToArray();
            var encoded = new float[batches.Length][][];
            Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                b => encoded[b] = encoder.Encode(batches[b]));
            for (var b = 0; b < batches.Length; b++)
            {
                for (var j = 0; j < batches[b].Length; j++)
                {
                    known[batches[b][j]] = encoded[b][j];
                }
            }

            Write(known);
        }

        return known;
    }

    private static Dictionary<string, float[]> Read()
    {
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(CachePath))
        {
            return known;
        }

        using var reader = new BinaryReader(File.OpenRead(CachePath));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            var values = new float[MessageEncoder.Dimensions];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = reader.ReadSingle();
            }

            known[text] = values;
        }

        return known;
    }

    private static void Write(Dictionary<string, float[]> known)
    {
        using var writer = new BinaryWriter(File.Create(CachePath));
        writer.Write(known.Count);
        foreach (var (text, values) in known)
        {
            writer.Write(text);
            foreach (var v in values)
            {
                writer.Write(v);
            }
        }
    }
}
