using Microsoft.ML.Data;

namespace StoriBoard.Classification;

/// <summary>The one input column of the saved model: the message as the person wrote it.</summary>
public sealed class ModelInput
{
    public string Text { get; set; } = "";
}

/// <summary>The two output columns of the saved model, named by <see cref="ModelColumns"/>.</summary>
public sealed class ModelOutput
{
    /// <summary>One probability per risk level, in <see cref="RiskLevel"/> order.</summary>
    [ColumnName(ModelColumns.RiskScores)]
    public float[] RiskScores { get; set; } = [];

    /// <summary>One probability per theme, in the order of <see cref="ClassifierSettings.Themes"/>.</summary>
    [ColumnName(ModelColumns.ThemeProbabilities)]
    public float[] ThemeProbabilities { get; set; } = [];
}

public static class ModelColumns
{
    public const string Text = nameof(ModelInput.Text);
    public const string RiskScores = "RiskScores";
    public const string ThemeProbabilities = "ThemeProbabilities";
    public const string RiskFeatures = "RiskFeatures";
    public const string ThemeFeatures = "ThemeFeatures";
}
