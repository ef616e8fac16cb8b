using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace StoriBoard.Classification;

/// <summary>
/// The ML.NET featuriser, the linear heads trained on its features, the safety lexicon, and for a red flag the kind
/// model. The models are loaded once; featurisation comes from a pool of prediction engines because an engine must never
/// be shared between threads, and the heads (risk and every theme) are scored in one pass over the message's non-zero
/// features (<see cref="LinearHeads"/>).
/// </summary>
public sealed class MlMessageClassifier : IMessageClassifier
{
    private static readonly string[] LevelIds = RiskLevels.All.Select(l => l.Id()).ToArray();

    private readonly ClassifierSettings _settings;
    private readonly SafetyLexicon _lexicon;
    private readonly LinearHeads _heads;
    private readonly KindModel? _kinds;
    private readonly ObjectPool<Slot> _pool;

    public MlMessageClassifier(string modelDirectory, SafetyLexicon lexicon)
    {
        (_settings, var model, _heads) = Load(modelDirectory);
        _kinds = KindModel.Load(modelDirectory);
        _lexicon = lexicon;
        var ml = new MLContext(seed: 1);
        _pool = new DefaultObjectPool<Slot>(new SlotPolicy(ml, model), maximumRetained: Environment.ProcessorCount * 4);

        // One prediction now, so that a model that loads but cannot run stops the start, not a conversation.
        try
        {
            Classify("hello");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new InvalidOperationException($"The classifier model in '{modelDirectory}' does not run: {e.Message}", e);
        }
    }

    /// <summary>The models shipped beside the application, in its <c>models</c> folder.</summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    public ClassifierSettings Settings => _settings;

    public MessageAnalysis Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return MessageAnalysis.Unclassified;
        }

        Span<float> risk = stackalloc float[_heads.Levels];
        Span<float> themes = stackalloc float[_heads.Themes];
        Span<float> keywords = stackalloc float[ThemeKeywords.Count];
        Span<float> cues = stackalloc float[RiskCues.Count];
        ThemeKeywords.Read(text, keywords);
        var verdict = _lexicon.Assess(text);

        // The risk model reads the team's own lexicon even when this classifier was given another floor (e.g. none, to
        // measure the model alone).
        RiskCues.Read(ReferenceEquals(_lexicon, SafetyLexicon.Default) ? verdict : SafetyLexicon.Default.Assess(text), text, cues);
        float? redFlag;
        var slot = _pool.Get();
        try
        {
            slot.Input.Text = text;
            slot.Engine.Predict(slot.Input, ref slot.Output);
            redFlag = _heads.Score(slot.Output.Features, keywords, cues, risk, themes);
        }
        finally
        {
            slot.Input.Text = "";
            _pool.Return(slot);
        }

        var analysis = Decide(risk, redFlag, themes, verdict);
        return analysis.RedFlag
            ? analysis with { Kind = RedFlagKinds.Infer(text, analysis.Signals, analysis.Themes, _kinds?.Read(text)) }
            : analysis;
    }

    private MessageAnalysis Decide(ReadOnlySpan<float> risk, float? redFlag, ReadOnlySpan<float> themes, LexiconVerdict lexicon)
    {
        var level = RiskDecision.Level(risk, _settings.RedFlagThreshold, redFlag);
        if (lexicon.Floor > level)
        {
            level = lexicon.Floor;
        }

        var scores = new Dictionary<string, double>(LevelIds.Length);
        for (var i = 0; i < LevelIds.Length; i++)
        {
            scores[LevelIds[i]] = risk[i];
        }

        var found = new List<ThemeScore>();
        for (var i = 0; i < themes.Length; i++)
        {
            if (themes[i] >= _settings.ThemeThresholds[i])
            {
                found.Add(new ThemeScore(_settings.Themes[i], themes[i]));
            }
        }

        found.Sort((a, b) => b.Score.CompareTo(a.Score));
        var assessment = new RiskAssessment(level, risk[(int)level], scores);
        return new MessageAnalysis([.. found], assessment, level.IsRedFlag(), lexicon.Signals);
    }

    private static (ClassifierSettings, ITransformer, LinearHeads) Load(string directory)
    {
        var modelPath = Path.Combine(directory, ClassifierSettings.ModelFileName);
        var settingsPath = Path.Combine(directory, ClassifierSettings.SettingsFileName);
        var headsPath = Path.Combine(directory, LinearHeads.FileName);
        foreach (var path in (string[])[modelPath, settingsPath, headsPath])
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The classifier cannot start: '{path}' is missing. Train the models with 'dotnet run -c Release --project tools/Training' and ship the models folder.");
            }
        }

        try
        {
            var settings = ClassifierSettings.Parse(File.ReadAllText(settingsPath));
            var model = new MLContext(seed: 1).Model.Load(modelPath, out var inputSchema);
            if (inputSchema.GetColumnOrNull(ModelColumns.Text) is null)
            {
                throw new InvalidDataException($"The model does not take a '{ModelColumns.Text}' column.");
            }

            var heads = LinearHeads.Load(headsPath);
            if (heads.Levels != RiskLevels.All.Count || heads.Themes != settings.Themes.Length)
            {
                throw new InvalidDataException("The classifier heads do not match the risk levels and themes of the settings.");
            }

            CheckWidth(model.GetOutputSchema(inputSchema), ModelColumns.Features, heads.TextFeatures);
            return (settings, model, heads);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException($"The classifier cannot start: the model files in '{directory}' are broken ({e.Message}).", e);
        }
    }

    private static void CheckWidth(Microsoft.ML.DataViewSchema schema, string column, int width)
    {
        if (schema.GetColumnOrNull(column) is not { } found || found.Type is not Microsoft.ML.Data.VectorDataViewType { Size: var size } || size != width)
        {
            throw new InvalidDataException($"The featuriser's '{column}' output should hold {width} values.");
        }
    }

    private sealed class Slot(PredictionEngine<ModelInput, ModelOutput> engine)
    {
        public PredictionEngine<ModelInput, ModelOutput> Engine { get; } = engine;
        public ModelInput Input { get; } = new();
        public ModelOutput Output = new();
    }

    private sealed class SlotPolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<Slot>
    {
        public override Slot Create() => new(ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model));

        public override bool Return(Slot slot) => true;
    }
}
