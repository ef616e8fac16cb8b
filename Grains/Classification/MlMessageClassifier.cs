using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace StoriBoard.Classification;

/// <summary>
/// The ML.NET models plus the safety lexicon. The model is loaded once; predictions come from a pool of
/// prediction engines because an engine must never be shared between threads.
/// </summary>
public sealed class MlMessageClassifier : IMessageClassifier
{
    private static readonly string[] LevelIds = RiskLevels.All.Select(l => l.Id()).ToArray();

    private readonly ClassifierSettings _settings;
    private readonly SafetyLexicon _lexicon;
    private readonly ObjectPool<Slot> _pool;

    public MlMessageClassifier(string modelDirectory, SafetyLexicon lexicon)
    {
        (_settings, var model) = Load(modelDirectory);
        _lexicon = lexicon;
        var ml = new MLContext(seed: 1);
        _pool = new DefaultObjectPool<Slot>(new SlotPolicy(ml, model), maximumRetained: Environment.ProcessorCount * 4);

        // One prediction now, so that a model that loads but cannot run stops the start, not a conversation.
        try
        {
            Classify("hello");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
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

        var slot = _pool.Get();
        try
        {
            slot.Input.Text = text;
            slot.Engine.Predict(slot.Input, ref slot.Output);
            return Decide(slot.Output.RiskScores, slot.Output.ThemeProbabilities, _lexicon.Assess(text));
        }
        finally
        {
            slot.Input.Text = "";
            _pool.Return(slot);
        }
    }

    private MessageAnalysis Decide(float[] risk, float[] themes, LexiconVerdict lexicon)
    {
        var level = RiskDecision.Level(risk, _settings.RedFlagThreshold);
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

    private static (ClassifierSettings, ITransformer) Load(string directory)
    {
        var modelPath = Path.Combine(directory, ClassifierSettings.ModelFileName);
        var settingsPath = Path.Combine(directory, ClassifierSettings.SettingsFileName);
        foreach (var path in (string[])[modelPath, settingsPath])
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The classifier cannot start: '{path}' is missing. Train the models with 'dotnet run --project Silo -- train' and ship the models folder.");
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

            var output = model.GetOutputSchema(inputSchema);
            CheckWidth(output, ModelColumns.RiskScores, RiskLevels.All.Count);
            CheckWidth(output, ModelColumns.ThemeProbabilities, settings.Themes.Length);
            return (settings, model);
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
            throw new InvalidDataException($"The model's '{column}' output should hold {width} values.");
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
