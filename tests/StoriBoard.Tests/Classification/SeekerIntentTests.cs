using StoriBoard.Classification;

namespace StoriBoard.Tests.Classification;

[Trait("Tier", "Unit")]
public sealed class SeekerIntentTests
{
    [Theory]
    [InlineData("can I talk to a real person please", true)]
    [InlineData("I need someone to talk to", true)]
    [InlineData("is there a human there?", true)]
    [InlineData("I’d like to speak with a supporter", true)]
    [InlineData("I don't want to talk to someone yet, just type", false)]
    [InlineData("my boss shouted at me today", false)]
    public void Asking_for_a_person_is_read_and_its_negation_is_not(string text, bool asks)
    {
        Assert.Equal(asks, SeekerIntent.AsksForPerson(text));
    }

    [Theory]
    [InlineData("it's 3am and I can't sleep", true)]
    [InlineData("lying awake again", true)]
    [InlineData("my exam went badly", false)]
    public void Speaking_of_the_night_is_read(string text, bool night)
    {
        Assert.Equal(night, SeekerIntent.SpeaksOfNight(text));
    }
}
