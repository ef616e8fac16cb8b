using Microsoft.ML.Data;

namespace StoriBoard.Classification;

/// <summary>The one input column of the saved featuriser: the message as the person wrote it.</summary>
public sealed class ModelInput
{
    public string Text { get; set; } = "";
}

/// <summary>The output column of the saved featuriser: the message's text features, named by <see cref="ModelColumns.Features"/>.</summary>
public sealed class ModelOutput
{
    [ColumnName(ModelColumns.Features)]
    public VBuffer<float> Features;
}

public static class ModelColumns
{
    public const string Text = nameof(ModelInput.Text);
    public const string Features = "Features";
}
