using StoriBoard.Languages;
using static StoriBoard.Tests.Languages.LanguageKit;

namespace StoriBoard.Tests.Languages;

/// <summary>The detector over the served and briefly answered languages, and the settings that choose them.</summary>
[Trait("Tier", "Unit")]
public sealed class LanguageReaderTests
{
    private static readonly LanguageReader Reader = NewReader();

    [Theory]
    [InlineData("Je me sens très seul depuis que j'ai déménagé", "fr")]
    [InlineData("je sais pas quoi faire, tout part en vrille au boulot", "fr")]
    [InlineData("It's 2am and I can't sleep, my job is going and I've got nobody", "en")]
    [InlineData("my boss humiliated me in front of everyone today", "en")]
    [InlineData("Ich fühle mich seit Wochen so allein und weiß nicht weiter", "de")]
    [InlineData("No puedo dormir y me siento muy sola desde que me mudé", "es")]
    [InlineData("Nie mogę spać, czuję się bardzo samotna", "pl")]
    [InlineData("لا أستطيع النوم وأشعر بالوحدة", "ar")]
    public void A_message_long_enough_is_read_in_its_language(string text, string language) =>
        Assert.Equal(language, Reader.Read(text));

    [Theory]
    [InlineData("ok")]
    [InlineData("yes")]
    [InlineData("oui")]
    [InlineData("merci")]
    [InlineData("no")]
    [InlineData("hmm ok")]
    [InlineData("😢😢")]
    [InlineData("12345 ???")]
    [InlineData("hi, is this anonymous?")]
    [InlineData("dont want to exist anymore")]
    [InlineData("ordered rope online")]
    public void A_short_letterless_or_uncertain_message_leaves_the_language_as_it_is(string text) => Assert.Null(Reader.Read(text));

    [Fact]
    public void Only_the_served_and_answered_languages_are_candidates()
    {
        Assert.Equal(["ar", "de", "en", "es", "fr", "it", "pl", "pt", "ro"], Reader.Candidates);
        Assert.True(Reader.Serves("fr"));
        Assert.False(Reader.Serves("de"));
    }

    [Theory]
    [InlineData("en,xx", "Served", "'xx'")]
    [InlineData("en,de", "Served", "'de' has no content library")]
    [InlineData("", "Served", "names no language")]
    public void Served_languages_must_be_real_codes_with_a_library(string served, string setting, string problem)
    {
        var problems = new LanguageOptions { Served = served }.Problems().ToList();

        var line = Assert.Single(problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Contains($"StoriBoard__Languages__{setting}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_must_be_served_and_the_thresholds_sensible()
    {
        Assert.Contains(new LanguageOptions { Default = "fr", Served = "en" }.Problems(), p => p.Contains("StoriBoard__Languages__Default", StringComparison.Ordinal));
        Assert.Contains(new LanguageOptions { Confidence = 0.4 }.Problems(), p => p.Contains("Confidence", StringComparison.Ordinal));
        Assert.Contains(new LanguageOptions { ConfirmedConfidence = 0.97 }.Problems(), p => p.Contains("ConfirmedConfidence", StringComparison.Ordinal));
        Assert.Contains(new LanguageOptions { MinLetters = 0 }.Problems(), p => p.Contains("MinLetters", StringComparison.Ordinal));
        Assert.Empty(new LanguageOptions().Problems());
    }

    [Fact]
    public void Other_languages_file_problems_are_listed()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, OtherLanguages.FileName), """
                { "names": { "en": "English" },
                  "answers": [ { "language": "xx", "text": "no placeholders" }, { "language": "en", "text": "{served} {contact} {emergency}" } ] }
                """);

            var problems = Assert.Throws<StoriBoard.Responding.ContentLibraryException>(() => OtherLanguages.Load(directory, ["en", "fr"])).Problems;

            Assert.Contains(problems, p => p.Contains("'fr' has no name", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("'xx' is not an ISO 639-1 code", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("'xx' must use exactly", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("'en' is served", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
