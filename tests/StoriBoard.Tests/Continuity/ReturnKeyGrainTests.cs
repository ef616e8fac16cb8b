using StoriBoard.Continuity;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>Return keys on the real grains: saving, replacing, finding, locking after wrong tries, and erasing.</summary>
[Trait("Tier", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ReturnKeyGrainTests(ClusterFixture cluster)
{
    private IGrainFactory Grains => cluster.Grains;

    private IReturnKeyLookupGrain Lookup(string phrase) =>
        Grains.GetGrain<IReturnKeyLookupGrain>(ReturnKeyPhrase.LookupId(ReturnKeyPhrase.Split(phrase)));

    private Task<string> Find(string phrase) => Lookup(phrase).Find(ReturnKeyPhrase.Join(ReturnKeyPhrase.Split(phrase)));

    [Fact]
    public async Task A_saved_key_finds_its_person_and_a_new_key_replaces_the_old()
    {
        var seekerId = await People.Seeker(Grains, People.NewLanguage());
        var keys = Grains.GetGrain<IReturnKeyGrain>(seekerId);

        var first = await keys.Save();
        Assert.Equal(seekerId, await Find(first));
        Assert.Equal(seekerId, await Find(first.ToUpperInvariant().Replace(' ', '-')));

        var second = await keys.Save();
        Assert.NotEqual(first, second);
        Assert.Equal(seekerId, await Find(second));
        var refused = await Assert.ThrowsAsync<HelplineException>(() => Find(first));
        Assert.Equal(ErrorCodes.Unauthorized, refused.Code);
    }

    [Fact]
    public async Task Making_keys_over_and_over_is_refused_and_the_last_key_made_still_works()
    {
        var seekerId = await People.Seeker(Grains, People.NewLanguage());
        var keys = Grains.GetGrain<IReturnKeyGrain>(seekerId);
        var made = new List<string>();
        for (var i = 0; i < new ReturnKeyOptions().SavesPerMinute; i++)
        {
            made.Add(await keys.Save());
        }

        var refused = await Assert.ThrowsAsync<HelplineException>(() => keys.Save());
        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
        Assert.Equal(seekerId, await Find(made[^1]));
    }

    [Fact]
    public async Task A_key_is_only_saved_for_a_person_who_exists()
    {
        var refused = await Assert.ThrowsAsync<HelplineException>(() => Grains.GetGrain<IReturnKeyGrain>(Guid.NewGuid().ToString("N")).Save());
        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    [Fact]
    public async Task Wrong_tries_lock_the_record_even_for_the_right_key_and_a_record_with_no_key_answers_alike()
    {
        var seekerId = await People.Seeker(Grains, People.NewLanguage());
        var phrase = await Grains.GetGrain<IReturnKeyGrain>(seekerId).Save();
        var words = phrase.Split(' ');
        var wrong = ReturnKeyPhrase.Join(words.Take(6).Append(words[6] == "otter" ? "maple" : "otter"));

        // A record nobody's key begins with: made-up first words that no draw would give twice in a row.
        var unused = "zigzag zigzag zigzag zigzag zigzag zigzag zigzag";

        var messages = new List<string>();
        for (var i = 0; i < new ReturnKeyOptions().TriesBeforeLock; i++)
        {
            var there = await Assert.ThrowsAsync<HelplineException>(() => Find(wrong));
            var nowhere = await Assert.ThrowsAsync<HelplineException>(() => Find(unused));
            Assert.Equal((ErrorCodes.Unauthorized, ErrorCodes.Unauthorized), (there.Code, nowhere.Code));
            messages.Add(there.Message);
            messages.Add(nowhere.Message);
        }

        // The same words whether or not a record exists, and nothing of the key in them.
        Assert.Single(messages.Distinct());
        // As whole words: a key word may be part of an ordinary one ("pen" in "open").
        Assert.All(words, word => Assert.DoesNotMatch($@"\b{word}\b", messages[0]));

        var locked = await Assert.ThrowsAsync<HelplineException>(() => Find(phrase));
        var lockedToo = await Assert.ThrowsAsync<HelplineException>(() => Find(unused));
        Assert.Equal((ErrorCodes.RateLimited, ErrorCodes.RateLimited), (locked.Code, lockedToo.Code));
        Assert.Equal(locked.Message, lockedToo.Message);
    }

    [Fact]
    public async Task After_the_person_is_erased_their_key_opens_nothing()
    {
        var seekerId = await People.Seeker(Grains, People.NewLanguage());
        await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var phrase = await Grains.GetGrain<IReturnKeyGrain>(seekerId).Save();

        await Grains.GetGrain<IHelpSeekerGrain>(seekerId).Erase();

        var refused = await Assert.ThrowsAsync<HelplineException>(() => Find(phrase));
        Assert.Equal(ErrorCodes.Unauthorized, refused.Code);
        Assert.False(await Grains.GetGrain<IReturnKeyGrain>(seekerId).Returned());
    }
}
