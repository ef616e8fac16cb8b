using StoriBoard.Classification;

namespace StoriBoard.Tests.Languages;

/// <summary>Answers to the AI's direct questions, asked in French, are read as answers.</summary>
[Trait("Tier", "Unit")]
public sealed class FrenchAnswerTests
{
    [Theory]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "oui", Answer.Yes)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "Ouais, parfois le soir", Answer.Yes)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "un peu, je crois", Answer.Yes)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "non", Answer.No)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "Non, pas du tout, je suis juste épuisé", Answer.No)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "pas vraiment", Answer.No)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "je pense pas", Answer.No)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "je ne crois pas, non", Answer.No)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "je sais pas", Answer.Unclear)]
    [InlineData(DirectQuestion.ThoughtsOfSuicide, "Je ne sais pas trop", Answer.Unclear)]
    [InlineData(DirectQuestion.TakenAnything, "non rien", Answer.No)]
    [InlineData(DirectQuestion.SafeNow, "oui", Answer.Yes)]
    [InlineData(DirectQuestion.SafeNow, "ça va, je suis chez moi", Answer.Yes)]
    [InlineData(DirectQuestion.SafeNow, "je suis en sécurité", Answer.Yes)]
    [InlineData(DirectQuestion.SafeNow, "non", Answer.No)]
    [InlineData(DirectQuestion.SafeNow, "Je ne suis pas en sécurité ici", Answer.No)]
    [InlineData(DirectQuestion.SafeNow, "ça ne va pas du tout", Answer.No)]
    public void A_french_answer_is_read(DirectQuestion question, string text, Answer expected) =>
        Assert.Equal(expected, AnswerReader.Read(question, text));
}
