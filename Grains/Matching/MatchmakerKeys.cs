namespace StoriBoard.Matching;

/// <summary>Which matchmaker grain serves a conversation or a supporter.</summary>
public static class MatchmakerKeys
{
    public static string For(string language) => language;
}
