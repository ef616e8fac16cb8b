using StoriBoard.Classification;

namespace StoriBoard.Tests.Classification;

[Trait("Tier", "Unit")]
public sealed class AnswerReaderTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Yeah")]
    [InlineData("yep.")]
    [InlineData("kind of")]
    [InlineData("sometimes")]
    [InlineData("I guess")]
    [InlineData("maybe")]
    [InlineData("yes but I wouldn't do anything")]
    [InlineData("yeah, most nights")]
    [InlineData("I have, yes")]
    public void Ambivalence_counts_as_yes_to_thoughts_of_suicide(string text)
    {
        Assert.Equal(Answer.Yes, AnswerReader.Read(DirectQuestion.ThoughtsOfSuicide, text));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("nope")]
    [InlineData("not like that")]
    [InlineData("no, I'd never do that to my kids")]
    [InlineData("never")]
    [InlineData("I'm fine, just tired")]
    [InlineData("not really, I just feel flat")]
    public void A_clear_no_or_a_reassurance_is_no(string text)
    {
        Assert.Equal(Answer.No, AnswerReader.Read(DirectQuestion.ThoughtsOfSuicide, text));
    }

    [Theory]
    [InlineData("idk")]
    [InlineData("why do you ask")]
    [InlineData("does it matter")]
    [InlineData("I'm not sure")]
    [InlineData("I'm scared")]
    [InlineData("my boss rang again")]
    public void Anything_else_is_unclear(string text)
    {
        Assert.Equal(Answer.Unclear, AnswerReader.Read(DirectQuestion.ThoughtsOfSuicide, text));
    }

    [Theory]
    [InlineData("yes", Answer.Yes)]
    [InlineData("I'm safe", Answer.Yes)]
    [InlineData("I'm ok here", Answer.Yes)]
    [InlineData("no", Answer.No)]
    [InlineData("not really", Answer.No)]
    [InlineData("I don't feel safe", Answer.No)]
    [InlineData("I'm not safe", Answer.No)]
    public void Being_safe_right_now_reads_the_other_way_round(string text, Answer expected)
    {
        Assert.Equal(expected, AnswerReader.Read(DirectQuestion.SafeNow, text));
    }
}
