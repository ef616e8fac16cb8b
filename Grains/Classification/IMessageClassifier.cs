namespace StoriBoard.Classification;

/// <summary>Reads the themes and the risk in one help-seeker message. Thread-safe; called on the grain's turn.</summary>
public interface IMessageClassifier
{
    MessageAnalysis Classify(string text);
}
