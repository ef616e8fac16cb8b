using StoriBoard.Continuity;

namespace StoriBoard.Tests.Continuity;

/// <summary>The return key itself: its words, how much guessing it takes, how it is read back, and its slow hash.</summary>
[Trait("Tier", "Unit")]
public sealed class ReturnKeyPhraseTests
{
    private static ReturnKeyWords Words => ReturnKeyWords.Load(ReturnKeyWords.DefaultPath);

    [Fact]
    public void The_word_list_is_long_distinct_plain_and_gives_a_key_of_at_least_64_bits()
    {
        var words = Words;
        Assert.True(words.Count >= ReturnKeyWords.Fewest, $"{words.Count} words");
        Assert.Equal(words.Count, words.All.Distinct().Count());
        Assert.All(words.All, w => Assert.True(w.Length is >= 2 and <= 11 && w.All(char.IsAsciiLetterLower), w));
        Assert.True(words.KeyBits >= 64, $"{words.KeyBits:F1} bits");

        // Behind the slow hash, past the words that pick the lookup record, there is still a great deal to guess.
        var hiddenBits = (ReturnKeyPhrase.Words - ReturnKeyPhrase.LookupWords) * Math.Log2(words.Count);
        Assert.True(hiddenBits >= 50, $"{hiddenBits:F1} bits behind the hash");
    }

    [Fact]
    public void No_word_speaks_of_harm_illness_or_the_service_or_is_rude()
    {
        // Parts of words that no calm word holds.
        string[] within =
        [
            "suicid", "kill", "death", "dead", "dying", "blood", "bleed", "knif", "kniv", "rifle", "pistol", "bullet",
            "weapon", "poison", "overdos", "drown", "noose", "rope", "bridge", "fall", "jump", "hurt", "wound", "pill",
            "tablet", "drug", "razor", "blade", "grave", "coffin", "funeral", "cancer", "choke", "bomb", "murder",
            "crisis", "helpline", "therap", "fuck", "shit", "crap", "bitch",
        ];

        // Whole words that would be unkind to meet in a key, although they hide harmlessly inside others.
        string[] whole =
        [
            "die", "gun", "ill", "sick", "pain", "cut", "stab", "hang", "cliff", "ledge", "burn", "fire", "smoke", "ash",
            "sad", "cry", "alone", "lonely", "lost", "end", "gone", "grief", "sorrow", "fear", "scream", "hospital",
            "nurse", "doctor", "medicine", "chemist", "bottle", "needle", "sword", "arrow", "axe", "saw", "war", "army",
            "hell", "damn", "ass", "abuse", "anxiety", "depression", "panic", "help", "support", "chat", "peer",
            "counsel", "safe", "danger", "storm", "dark", "black", "night", "bridges", "river", "train", "rail", "roof",
            "tower", "window", "balcony", "ladder", "belt", "scarf", "cord", "wire", "chain", "cage", "trap",
        ];

        var words = Words.All;
        Assert.DoesNotContain(words, w => within.Any(w.Contains));
        Assert.Empty(words.Intersect(whole));
    }

    [Fact]
    public void A_key_is_seven_words_drawn_afresh_each_time()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ReturnKeyPhrase.Join(ReturnKeyPhrase.Draw(Words))).ToArray();
        Assert.All(keys, k => Assert.Equal(ReturnKeyPhrase.Words, k.Split(' ').Length));
        Assert.Equal(keys.Length, keys.Distinct().Count());

        // Every word of the list can come up: with 200 keys of seven words, far more than a handful appear.
        Assert.True(keys.SelectMany(k => k.Split(' ')).Distinct().Count() > 500);
    }

    [Theory]
    [InlineData("otter maple lantern pebble crumpet willow sunny")]
    [InlineData("  Otter   MAPLE lantern\tpebble crumpet willow Sunny ")]
    [InlineData("otter-maple-lantern-pebble-crumpet-willow-sunny")]
    [InlineData("Otter – Maple — Lantern, Pebble. crumpet_willow sunny")]
    [InlineData("otter\nmaple\nlantern\npebble\ncrumpet\nwillow\nsunny")]
    public void Case_spaces_and_hyphens_do_not_matter(string typed) =>
        Assert.Equal("otter maple lantern pebble crumpet willow sunny", ReturnKeyPhrase.Join(ReturnKeyPhrase.Split(typed)));

    [Fact]
    public void The_lookup_record_depends_on_the_first_words_only_and_never_shows_them()
    {
        var one = ReturnKeyPhrase.Split("otter maple lantern pebble crumpet willow sunny");
        var sameStart = ReturnKeyPhrase.Split("otter maple zebra waffle tulip quiet harbor");
        var otherStart = ReturnKeyPhrase.Split("maple otter lantern pebble crumpet willow sunny");

        Assert.Equal(ReturnKeyPhrase.LookupId(one), ReturnKeyPhrase.LookupId(sameStart));
        Assert.NotEqual(ReturnKeyPhrase.LookupId(one), ReturnKeyPhrase.LookupId(otherStart));
        Assert.DoesNotContain("otter", ReturnKeyPhrase.LookupId(one));
        Assert.Matches("^[0-9a-f]{32}$", ReturnKeyPhrase.LookupId(one));
    }

    [Fact]
    public void Only_the_whole_phrase_matches_its_salted_slow_hash()
    {
        const string phrase = "otter maple lantern pebble crumpet willow sunny";
        var kept = ReturnKeyPhrase.Keep(phrase, 10_000);
        var again = ReturnKeyPhrase.Keep(phrase, 10_000);

        Assert.True(ReturnKeyPhrase.Matches(phrase, kept));
        Assert.False(ReturnKeyPhrase.Matches("otter maple lantern pebble crumpet willow rainy", kept));
        Assert.False(ReturnKeyPhrase.Matches("otter maple lantern pebble crumpet willow", kept));
        Assert.False(ReturnKeyPhrase.Matches(phrase, kept with { Iterations = 10_001 }));

        // A salt of its own: the same phrase never hashes alike twice, and the phrase is nowhere in what is kept.
        Assert.NotEqual(kept.Salt, again.Salt);
        Assert.NotEqual(kept.Hash, again.Hash);
        Assert.DoesNotContain("otter", System.Text.Encoding.UTF8.GetString(kept.Hash), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_list_too_short_or_with_repeats_or_odd_words_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var shortList = Path.Combine(folder.FullName, "short.txt");
            File.WriteAllLines(shortList, Words.All.Take(ReturnKeyWords.Fewest - 1));
            Assert.Contains("at least 1024", Assert.Throws<InvalidDataException>(() => ReturnKeyWords.Load(shortList)).Message);

            var repeats = Path.Combine(folder.FullName, "repeats.txt");
            File.WriteAllLines(repeats, Words.All.Append(Words.All[0]));
            Assert.Contains("twice", Assert.Throws<InvalidDataException>(() => ReturnKeyWords.Load(repeats)).Message);

            var odd = Path.Combine(folder.FullName, "odd.txt");
            File.WriteAllLines(odd, Words.All.Append("Café"));
            Assert.Contains("lowercase", Assert.Throws<InvalidDataException>(() => ReturnKeyWords.Load(odd)).Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
